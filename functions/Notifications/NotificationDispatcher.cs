using Microsoft.Extensions.Options;
using Workflows.People;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Functions.Notifications.Failures;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications;

/// <summary>
/// The <see cref="INotifier"/> of the host: finds the recipient and their language, then hands the
/// notification to each channel that carries it, exactly once per idempotency key and channel. A failed
/// attempt is thrown (so the notifying activity's retry policy tries again) until the last attempt
/// (<see cref="NotificationOptions.MaxAttempts"/>), which is recorded as failed — audit entry and dashboard
/// flag — and does not fail the workflow. Permanent failures (no address, 4xx) are recorded at once.
/// </summary>
public sealed partial class NotificationDispatcher(
    IPersonDirectory directory,
    IEnumerable<INotificationChannel> channels,
    INotificationDeliveryStore deliveries,
    NotificationFailureRecorder failures,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : INotifier
{
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var recipient = await ResolveRecipientAsync(notification, cancellationToken).ConfigureAwait(false);
        NotificationDeliveryException? retry = null;
        foreach (var channel in channels.Where(c => c.Carries(notification, recipient)))
        {
            var key = notification.IdempotencyKey + "|" + channel.Name;
            var claim = await ClaimAsync(key, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                LogAlreadyDelivered(logger, notification.Kind, channel.Name, notification.CaseId);
                continue;
            }

            try
            {
                var outcome = await channel.SendAsync(notification, recipient, cancellationToken).ConfigureAwait(false);
                await deliveries.CompleteAsync(claim, outcome == ChannelOutcome.Sent ? DeliveryState.Sent : DeliveryState.Skipped, null, CancellationToken.None).ConfigureAwait(false);
                LogDelivered(logger, notification.Kind, channel.Name, outcome, notification.CaseId, notification.TaskId);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = NotificationDeliveryException.From(ex, channel.Name);
                if (!failure.Transient || claim.Attempt >= options.Value.MaxAttempts)
                {
                    await deliveries.CompleteAsync(claim, DeliveryState.GaveUp, failure.Reason, CancellationToken.None).ConfigureAwait(false);
                    await failures.RecordAsync(notification, channel.Name, failure.Reason, CancellationToken.None).ConfigureAwait(false);
                    LogGaveUp(logger, notification.Kind, channel.Name, failure.Reason, claim.Attempt, notification.CaseId, notification.TaskId);
                }
                else
                {
                    await deliveries.CompleteAsync(claim, DeliveryState.Failed, failure.Reason, CancellationToken.None).ConfigureAwait(false);
                    LogWillRetry(logger, notification.Kind, channel.Name, failure.Reason, claim.Attempt, notification.CaseId);
                    retry ??= failure;
                }
            }
        }

        if (retry is not null)
        {
            throw new NotificationDeliveryException(retry.Reason, transient: true);
        }
    }

    private async Task<NotificationRecipient> ResolveRecipientAsync(Notification notification, CancellationToken cancellationToken)
    {
        var person = await directory.FindAsync(notification.RecipientId, cancellationToken).ConfigureAwait(false);

        // The directory's language first; the subject of a decision notice is not in the directory and
        // the case records their language; everyone else unknown gets the deployment default.
        var language = NotificationTexts.Normalize(person?.Language)
            ?? (person is null && notification.Kind == NotificationKind.DecisionNotice ? NotificationTexts.Normalize(notification.Language) : null)
            ?? options.Value.DefaultLanguage;
        return new NotificationRecipient(notification.RecipientId, person, language);
    }

    private async Task<DeliveryClaim?> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await deliveries.TryClaimAsync(key, options.Value.ClaimLease, cancellationToken).ConfigureAwait(false);
            if (result.Claim is { } claim)
            {
                return claim;
            }

            if (result.Done)
            {
                return null;
            }

            // Another delivery of the same activity is sending it: wait for it to finish or its lease to end.
            var wait = result.BusyUntil!.Value - time.GetUtcNow();
            await Task.Delay(wait < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Kind} notification sent on {Channel} ({Outcome}) for case {CaseId}, task {TaskId}.")]
    private static partial void LogDelivered(ILogger logger, NotificationKind kind, string channel, ChannelOutcome outcome, string caseId, string? taskId);

    [LoggerMessage(2, LogLevel.Debug, "{Kind} notification on {Channel} for case {CaseId} was already delivered; skipped.")]
    private static partial void LogAlreadyDelivered(ILogger logger, NotificationKind kind, string channel, string caseId);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} notification on {Channel} failed ({Reason}) at attempt {Attempt} for case {CaseId}; the activity will retry.")]
    private static partial void LogWillRetry(ILogger logger, NotificationKind kind, string channel, string reason, int attempt, string caseId);

    [LoggerMessage(4, LogLevel.Error, "{Kind} notification on {Channel} failed ({Reason}) after {Attempt} attempt(s) for case {CaseId}, task {TaskId}; recorded as NotificationFailed.")]
    private static partial void LogGaveUp(ILogger logger, NotificationKind kind, string channel, string reason, int attempt, string caseId, string? taskId);
}
