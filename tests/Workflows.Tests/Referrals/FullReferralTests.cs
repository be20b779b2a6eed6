using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Bench;
using Workflows.Notifications;
using Workflows.Referrals;

namespace Workflows.Tests.Referrals;

public sealed class FullReferralTests
{
    [Fact]
    public async Task WholeReferral_WithEveryDefaultTimer_RunsToTheEndOnTheTimeSkippingHost()
    {
        await using var scenario = new FullReferralScenario();

        var result = await scenario.RunAsync(monitoringYears: 2);

        Assert.Equal("Completed", result?.Outcome);
        var tasks = await scenario.Host.Services.GetRequiredService<IApprovalTaskStore>().ListByCaseAsync(scenario.CaseId);
        Assert.Contains(tasks, t => t.Step == "eligibilityScreening" && t.AssigneeId == "headrehab.south" && t.Status == ApprovalTaskStatus.Decided);
        Assert.Equal(2, tasks.Count(t => t.Step == "riskAssessment" && t.Status == ApprovalTaskStatus.Decided));
        Assert.Contains(tasks, t => t.Step == "riskAssessment" && t.AssigneeId == "director.almaty" && t.Status == ApprovalTaskStatus.Decided);
        Assert.Contains(tasks, t => t.Step == "placementDecision" && t.AssigneeId == "centraladmin.central" && t.Status == ApprovalTaskStatus.Decided);
        Assert.True(tasks.Count(t => t.Step == "progressReview") >= 7);
        var sent = ((RecordingNotifier)scenario.Host.Services.GetRequiredService<INotifier>()).Sent;
        Assert.Contains(sent, n => n.Code == "WaitingListAlert");
        Assert.Contains(sent, n => n.Code == "ConsentSessionOverdue");
        Assert.True((await scenario.Host.Services.GetRequiredService<IAuditLog>().VerifyAsync(scenario.CaseId)).IsValid);
    }

    [Fact]
    public async Task WholeReferral_RefusalLeftToStand_IsFinalAfterTheReflectionPeriod_AndTriggersNothingPunitive()
    {
        await using var scenario = new FullReferralScenario();

        var result = await scenario.RunAsync(refusalStands: true);

        Assert.Equal(ReferralOutcomes.ConsentRefused, result?.Outcome);
        var audit = await scenario.Host.Services.GetRequiredService<IAuditLog>().ReadAsync(scenario.CaseId);
        var refused = Assert.Single(audit, e => e.Action == AuditActions.ConsentRecorded && e.Reason == "Refused; reflection period running");
        var final = Assert.Single(audit, e => e.Action == AuditActions.WorkflowOutcome);
        Assert.Equal(ReferralOutcomes.ConsentRefused, final.Reason);
        Assert.Equal(TimeSpan.FromHours(72), final.At - refused.At);
        Assert.DoesNotContain(audit.Where(e => e.At > refused.At), e => e.Action is AuditActions.TaskCreated or AuditActions.Escalated or AuditActions.DefaultDecision or AuditActions.Expired);

        var tasks = await scenario.Host.Services.GetRequiredService<IApprovalTaskStore>().ListByCaseAsync(scenario.CaseId);
        Assert.DoesNotContain(tasks, t => t.IsOpen || t.CreatedAt > refused.At);
        var sent = ((RecordingNotifier)scenario.Host.Services.GetRequiredService<INotifier>()).Sent.Where(n => n.CaseId == scenario.CaseId).ToList();
        Assert.DoesNotContain(sent, n => n.Kind == NotificationKind.DecisionNotice);
        var told = Assert.Single(sent, n => n.Code == ReferralOutcomes.ConsentRefused);
        Assert.Equal(("referrer.almaty", NotificationKind.Outcome), (told.RecipientId, told.Kind));
        Assert.Equal(ReferralOutcomes.ConsentRefused, (await scenario.Host.Services.GetRequiredService<Workflows.Cases.ICaseStore>().GetAsync(scenario.CaseId))!.Status);
    }
}
