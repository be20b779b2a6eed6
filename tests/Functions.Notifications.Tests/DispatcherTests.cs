using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Audit;
using Workflows.Functions.Notifications.Delivery;
using Workflows.Functions.Notifications.Failures;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Notifications;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The dispatcher's delivery rules: once per key, retries through the activity, failures made visible.</summary>
public sealed class DispatcherTests
{
    private readonly ScriptedChannel _channel = new();
    private readonly ServiceProvider _services;

    public DispatcherTests()
    {
        var settings = NotificationServices.Settings();
        settings["Workflows:Notifications:MaxAttempts"] = "3";
        var services = NotificationServices.Create(settings);
        services.RemoveAll<INotificationChannel>();
        services.AddSingleton<INotificationChannel>(_channel);
        _services = services.BuildServiceProvider();
    }

    private INotifier Notifier => _services.GetRequiredService<INotifier>();

    [Fact]
    public async Task A_redelivered_notification_is_sent_once()
    {
        var notification = TestNotifications.NewTask(Staff.Approver);

        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        Assert.Equal(1, _channel.Calls);
    }

    [Fact]
    public async Task A_transient_failure_is_thrown_so_the_activity_retries_then_succeeds_once()
    {
        _channel.ThenThrow(new NotificationDeliveryException("Graph503", transient: true)).ThenSend();
        var notification = TestNotifications.NewTask(Staff.Approver);

        var first = await Assert.ThrowsAsync<NotificationDeliveryException>(() => Notifier.SendAsync(notification));
        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        Assert.Equal("Graph503", first.Reason);
        Assert.Equal(2, _channel.Calls);
        Assert.Equal(DeliveryState.Sent, (await Deliveries.GetAsync(notification.IdempotencyKey + "|Email"))!.State);
        Assert.Empty(await Failures.ListForCaseAsync("case-1"));
    }

    [Fact]
    public async Task After_the_last_attempt_the_failure_is_recorded_and_the_workflow_goes_on()
    {
        for (var i = 0; i < 3; i++)
        {
            _channel.ThenThrow(new HttpRequestException("connection refused to someone@example.org"));
        }

        var notification = TestNotifications.NewTask(Staff.Approver);

        await Assert.ThrowsAsync<NotificationDeliveryException>(() => Notifier.SendAsync(notification));
        await Assert.ThrowsAsync<NotificationDeliveryException>(() => Notifier.SendAsync(notification));
        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        Assert.Equal(3, _channel.Calls);
        var failure = Assert.Single(await Failures.ListForTaskAsync("t-1"));
        Assert.Equal(("Email", "EmailNetwork", NotificationKind.NewTask, Staff.Approver), (failure.Channel, failure.Reason, failure.Kind, failure.RecipientId));
        Assert.Equal(failure, Assert.Single(await Failures.ListRecentAsync()));
        var audit = Assert.Single(await _services.GetRequiredService<IAuditLog>().ReadAsync("case-1"));
        Assert.Equal(("NotificationFailed", "EmailNetwork", "t-1"), (audit.Action, audit.Reason, audit.Ids["taskId"]));
    }

    [Fact]
    public async Task A_permanent_failure_is_recorded_at_once_without_failing_the_activity()
    {
        _channel.ThenThrow(new NotificationDeliveryException("NoAddress", transient: false));
        var notification = TestNotifications.NewTask(Staff.Approver);

        await Notifier.SendAsync(notification);
        await Notifier.SendAsync(notification);

        Assert.Equal(1, _channel.Calls);
        Assert.Equal("NoAddress", Assert.Single(await Failures.ListForCaseAsync("case-1")).Reason);
    }

    [Fact]
    public async Task The_exception_thrown_to_the_engine_carries_no_provider_message()
    {
        _channel.ThenThrow(new HttpRequestException("mailbox amelie@prisons.test is full"));

        var thrown = await Assert.ThrowsAsync<NotificationDeliveryException>(() => Notifier.SendAsync(TestNotifications.NewTask(Staff.Approver)));

        Assert.DoesNotContain("@", thrown.Message, StringComparison.Ordinal);
        Assert.Null(thrown.InnerException);
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_one_notification_send_once()
    {
        _channel.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notification = TestNotifications.NewTask(Staff.Approver);

        var first = Notifier.SendAsync(notification);
        await _channel.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = Notifier.SendAsync(notification);
        _channel.Gate.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _channel.Calls);
    }

    [Fact]
    public async Task The_recipient_language_comes_from_the_directory_and_falls_back_to_the_default()
    {
        var seen = new List<string>();
        var services = NotificationServices.Create(new Dictionary<string, string?>(NotificationServices.Settings()) { ["Workflows:DefaultLanguage"] = "es" });
        services.RemoveAll<INotificationChannel>();
        services.AddSingleton<INotificationChannel>(new LanguageProbe(seen));
        var notifier = services.BuildServiceProvider().GetRequiredService<INotifier>();

        await notifier.SendAsync(TestNotifications.NewTask(Staff.ArabicApprover) with { Language = "en" });
        await notifier.SendAsync(TestNotifications.NewTask("p-unknown", key: "k2") with { Language = "en" });
        await notifier.SendAsync(TestNotifications.Of(NotificationKind.DecisionNotice, "subject-1", null) with { Language = "zh" });

        Assert.Equal(["ar", "es", "zh"], seen);
    }

    private INotificationDeliveryStore Deliveries => _services.GetRequiredService<INotificationDeliveryStore>();

    private INotificationFailureStore Failures => _services.GetRequiredService<INotificationFailureStore>();

    private sealed class LanguageProbe(List<string> seen) : INotificationChannel
    {
        public string Name => "Probe";

        public bool Carries(Notification notification, NotificationRecipient recipient) => true;

        public Task<ChannelOutcome> SendAsync(Notification notification, NotificationRecipient recipient, CancellationToken cancellationToken)
        {
            seen.Add(recipient.Language);
            return Task.FromResult(ChannelOutcome.Sent);
        }
    }
}
