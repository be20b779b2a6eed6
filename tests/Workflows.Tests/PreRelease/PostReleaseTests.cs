using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.PreRelease;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.ExactTime;

namespace Workflows.Tests.PreRelease;

/// <summary>Post-release follow-up from a release on Monday 2 February 2026: contacts by risk level, the missed-contact ladder, closure and retention.</summary>
public sealed class PostReleaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Release = On(2026, 2, 2);

    private readonly DomainHost _host;
    private readonly PreReleaseDriver _plan;

    public PostReleaseTests()
    {
        _host = DomainHost.Create();
        _plan = new PreReleaseDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void ContactSchedule_HighRisk_IsWeeklyThenFortnightlyThenMonthly()
    {
        var policy = _host.Policies.Resolve(WorkflowNames.PreRelease, "KZ", "almaty");
        var release = On(2026, 6, 1);

        var times = ContactSchedule.Times(release, policy.Schedule("contacts.high"), policy.Calendar);

        Assert.Equal([release.AddDays(7), release.AddDays(14), release.AddDays(21), release.AddDays(28)], times.Take(4));
        Assert.Equal(release.AddDays(42), times[4]);
        Assert.InRange(times[^1], release.AddMonths(11), release.AddMonths(12));
        Assert.Equal([1, 3, 6, 12], ContactSchedule.Times(release, policy.Schedule("reviews"), policy.Calendar).Select(t => ((t.Year - 2026) * 12) + t.Month - 6));
    }

    [Fact]
    public void ContactSchedule_MediumRisk_IsFortnightlyToMonth3_ThenMonthlyToMonth12()
    {
        var policy = _host.Policies.Resolve(WorkflowNames.PreRelease, "KZ", "almaty");
        var release = On(2026, 6, 1);

        var times = ContactSchedule.Times(release, policy.Schedule("contacts.medium"), policy.Calendar);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => release.AddDays(14 * i)), times.Take(6));
        // Monthly from the last fortnightly contact.
        Assert.Equal([On(2026, 9, 24), On(2026, 10, 24)], times.Skip(6).Take(2));
        Assert.True(times[^1] <= release.AddMonths(12));
        Assert.Equal(15, times.Count);
    }

    [Fact]
    public void ContactSchedule_LowRisk_IsMonthlyToMonth12()
    {
        var policy = _host.Policies.Resolve(WorkflowNames.PreRelease, "KZ", "almaty");
        var release = On(2026, 6, 1);

        var times = ContactSchedule.Times(release, policy.Schedule("contacts.low"), policy.Calendar);

        Assert.Equal(Enumerable.Range(1, 12).Select(release.AddMonths), times);
    }

    [Fact]
    public async Task MediumRisk_FirstContactMissed_OpensTheContactAttemptAfterTheOneDayGrace()
    {
        await _plan.StartAsync(DateOnly.FromDateTime(Release.UtcDateTime));
        await _plan.ReleaseAsync();
        Assert.Equal(On(2026, 2, 17), (await _host.StatusAsync(_plan.InstanceId)).NextDeadline);

        await FiresAtAsync(_host, On(2026, 2, 17), async () => (await _host.OpenTasksAsync(_plan.CaseId, "missedContactAttempt")).Count == 1, "contact attempt after the missed fortnightly contact");
        Assert.Equal(On(2026, 2, 19), Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "missedContactAttempt")).Due);
    }

    [Fact]
    public async Task MissedContactLadder_EndsInARecordedBreachProcedure()
    {
        await _plan.StartAsync(DateOnly.FromDateTime(Release.UtcDateTime), "High");
        await _plan.ReleaseAsync("High");
        Assert.Equal("contact", (await _host.StatusAsync(_plan.InstanceId)).Step);

        await _host.Host.AdvanceToAsync(On(2026, 2, 10));
        var attempt = Assert.Single(await _host.OpenTasksAsync(_plan.CaseId, "missedContactAttempt"));
        Assert.Equal(attempt.CreatedAt.AddHours(48), attempt.Due);
        await _host.Host.AdvanceToAsync(On(2026, 2, 12));

        Assert.Equal(3, (await _host.OpenTasksAsync(_plan.CaseId, "missedContactConference")).Count);
        await _host.DecideAllAsync(_plan.CaseId, "probation.south", DecisionKind.Reject, "missedContactConference");

        Assert.NotNull(await _plan.SectionAsync("breach-1"));
        Assert.Contains(_host.Notifier.Sent, n => n.Kind == NotificationKind.DecisionNotice && n.Code == "ConditionsAndRightsBriefing");
    }

    [Fact]
    public async Task MissedContactConference_NotHeldInTime_IsRecordedButNeverABreach()
    {
        await _plan.StartAsync(DateOnly.FromDateTime(Release.UtcDateTime), "High");
        await _plan.ReleaseAsync("High");
        await _host.Host.AdvanceToAsync(On(2026, 2, 12));
        var conference = await _host.OpenTasksAsync(_plan.CaseId, "missedContactConference");
        Assert.Equal(3, conference.Count);

        // Nobody holds the conference: its step lapses when the chain runs out (10 days).
        await _host.Host.AdvanceToAsync(conference[0].CreatedAt.AddDays(10).AddMinutes(1));

        var open = (await _host.OpenTasksAsync(_plan.CaseId, "missedContactConference")).Select(t => t.TaskId);
        Assert.Empty(conference.Select(t => t.TaskId).Intersect(open));
        Assert.Null(await _plan.SectionAsync("breach-1"));
        Assert.Contains(await _host.Audit.ReadAsync(_plan.CaseId, TestContext.Current.CancellationToken), e => e.Reason == "MissedContactConferenceNotHeld");
    }

    [Fact]
    public async Task Closure_AfterTheLastContactAndReview_StartsTheRetentionTimer_WhichEndsFiveYearsLater()
    {
        await _plan.StartAsync(DateOnly.FromDateTime(Release.UtcDateTime), "Low");
        await _plan.ReleaseAsync("Low");

        for (var i = 0; i < 60 && (await _host.StatusAsync(_plan.InstanceId)).Step != "retention"; i++)
        {
            var status = await _host.StatusAsync(_plan.InstanceId);
            if (status.Step == "contact")
            {
                await _plan.ContactAsync();
            }
            else if (await _host.ApproveAllOpenAsync(_plan.CaseId, "Low") == 0)
            {
                await _host.Host.AdvanceToAsync(status.NextDeadline!.Value);
            }
        }

        Assert.Equal(4, (await _host.Tasks.ListByCaseAsync(_plan.CaseId)).Count(t => t.Step == "postReleaseReview"));
        var closure = (await _plan.SectionAsync("closure"))!.Value;
        Assert.Equal("ClosedCompleted", closure.GetProperty("outcome").GetString());
        Assert.Equal(On(2027, 2, 2), _host.Now);
        Assert.Equal(On(2032, 2, 2), closure.GetProperty("retentionEnds").GetDateTimeOffset());

        await FiresAtAsync(_host, On(2032, 2, 2), async () => (await _host.Cases.GetAsync(_plan.CaseId))!.Status == "RetentionEnded", "end of the retention period");
        Assert.Equal("ClosedCompleted", (await _host.Host.GetOutputAsync<WorkflowResult>(_plan.InstanceId))!.Outcome);
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "RetentionPeriodEnded" && n.RecipientId == "dpo.central");
    }
}
