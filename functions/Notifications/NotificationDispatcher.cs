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
/// flag — and does not fail the workflow. Permanent failures (4xx) are recorded at once. A channel that
/// cannot reach the recipient (no address, Teams app not installed) is audited once as not deliverable,
/// not as a failure. A decision notice to the person concerned, who is not in the directory, is routed to
/// the staff member who hands it over (<see cref="HandDeliveryRouter"/>).
/// </summary>
/// <remarks>
/// Exactly once holds for everything the delivery store sees, with one window it cannot close: when the
/// host stops after the provider accepted a message (Graph's 202, the Bot Connector's 201) but before the
/// store marked it sent, the claim's lease (<see cref="NotificationOptions.ClaimLease"/>) runs out and
/// the next delivery sends it again. Providers take no idempotency key, so this stays possible; the
/// window is the few milliseconds between the provider's answer and the store's write. MIME mail carries
/// a Message-ID derived from the notification key, so both copies are recognisably the same message.
/// </remarks>
public sealed partial class NotificationDispatcher(
    IPersonDirectory directory,
    IEnumerable<INotificationChannel> channels,
    INotificationDeliveryStore deliveries,
    NotificationFailureRecorder failures,
    NotificationAudit audit,
    HandDeliveryRouter handDelivery,
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
                retry ??= await DeliverAsync(channel, notification, recipient, claim, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The claim stays held; the next delivery takes it over once its lease has run out.
                LogBookkeepingFailed(logger, ex.GetType().Name, notification.Kind, channel.Name, notification.CaseId);
                throw new NotificationDeliveryException("Bookkeeping", transient: true);
            }
        }

        if (retry is not null)
        {
            throw new NotificationDeliveryException(retry.Reason, transient: true);
        }
    }

    /// <summary>One channel, under a claim: the send and its bookkeeping. Returns the failure to retry, if any.</summary>
    private async Task<NotificationDeliveryException?> DeliverAsync(INotificationChannel channel, Notification notification, NotificationRecipient recipient, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ChannelOutcome outcome;
        try
        {
            if (recipient.HandDelivery is { } delivery)
            {
                // Audited before the send, so the routing is on record whatever happens to the send.
                await audit.HandDeliveryAsync(notification, channel.Name, delivery.Deliverer.Id, cancellationToken).ConfigureAwait(false);
            }

            outcome = await channel.SendAsync(notification, recipient, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = NotificationDeliveryException.From(ex, channel.Name);
            if (!failure.Transient || claim.Attempt >= options.Value.MaxAttempts)
            {
                // Recorded before the claim is closed: both are idempotent, so a crash in between repeats the record, never loses it.
                await failures.RecordAsync(notification, channel.Name, failure.Reason, CancellationToken.None).ConfigureAwait(false);
                await deliveries.CompleteAsync(claim, DeliveryState.GaveUp, failure.Reason, CancellationToken.None).ConfigureAwait(false);
                LogGaveUp(logger, notification.Kind, channel.Name, failure.Reason, claim.Attempt, notification.CaseId, notification.TaskId);
                return null;
            }

            await deliveries.CompleteAsync(claim, DeliveryState.Failed, failure.Reason, CancellationToken.None).ConfigureAwait(false);
            LogWillRetry(logger, notification.Kind, channel.Name, failure.Reason, claim.Attempt, notification.CaseId);
            return failure;
        }

        if (outcome.NotDeliverableReason is { } reason)
        {
            await audit.NotDeliverableAsync(notification, channel.Name, reason, CancellationToken.None).ConfigureAwait(false);
            await deliveries.CompleteAsync(claim, DeliveryState.Skipped, reason, CancellationToken.None).ConfigureAwait(false);
            LogNotDeliverable(logger, notification.Kind, channel.Name, reason, notification.CaseId, notification.TaskId);
            return null;
        }

        await deliveries.CompleteAsync(claim, DeliveryState.Sent, null, CancellationToken.None).ConfigureAwait(false);
        LogDelivered(logger, notification.Kind, channel.Name, notification.CaseId, notification.TaskId);
        return null;
    }

    private async Task<NotificationRecipient> ResolveRecipientAsync(Notification notification, CancellationToken cancellationToken)
    {
        var person = await directory.FindAsync(notification.RecipientId, cancellationToken).ConfigureAwait(false);

        // The directory's language first; the subject of a decision notice is not in the directory and
        // the case records their language; everyone else unknown gets the deployment default.
        var notice = person is null && notification.Kind == NotificationKind.DecisionNotice;
        var language = NotificationTexts.Normalize(person?.Language)
            ?? (notice ? NotificationTexts.Normalize(notification.Language) : null)
            ?? options.Value.DefaultLanguage;
        var delivery = notice ? await handDelivery.FindAsync(notification, cancellationToken).ConfigureAwait(false) : null;
        return new NotificationRecipient(notification.RecipientId, person, language, delivery);
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

    [LoggerMessage(1, LogLevel.Information, "{Kind} notification sent on {Channel} for case {CaseId}, task {TaskId}.")]
    private static partial void LogDelivered(ILogger logger, NotificationKind kind, string channel, string caseId, string? taskId);

    [LoggerMessage(2, LogLevel.Debug, "{Kind} notification on {Channel} for case {CaseId} was already delivered; skipped.")]
    private static partial void LogAlreadyDelivered(ILogger logger, NotificationKind kind, string channel, string caseId);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} notification on {Channel} failed ({Reason}) at attempt {Attempt} for case {CaseId}; the activity will retry.")]
    private static partial void LogWillRetry(ILogger logger, NotificationKind kind, string channel, string reason, int attempt, string caseId);

    [LoggerMessage(4, LogLevel.Error, "{Kind} notification on {Channel} failed ({Reason}) after {Attempt} attempt(s) for case {CaseId}, task {TaskId}; recorded as NotificationFailed.")]
    private static partial void LogGaveUp(ILogger logger, NotificationKind kind, string channel, string reason, int attempt, string caseId, string? taskId);

    [LoggerMessage(5, LogLevel.Information, "{Kind} notification for case {CaseId}, task {TaskId} is not deliverable on {Channel} ({Reason}); audited, not a failure.")]
    private static partial void LogNotDeliverable(ILogger logger, NotificationKind kind, string channel, string reason, string caseId, string? taskId);

    [LoggerMessage(6, LogLevel.Warning, "Recording the {Kind} notification on {Channel} for case {CaseId} failed ({Error}); the activity will retry.")]
    private static partial void LogBookkeepingFailed(ILogger logger, string error, NotificationKind kind, string channel, string caseId);
}
