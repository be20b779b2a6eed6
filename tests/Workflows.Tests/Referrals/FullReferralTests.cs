using Microsoft.Extensions.DependencyInjection;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Bench;
using Workflows.Notifications;

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
        Assert.Contains(tasks, t => t.Step == "riskAssessment" && t.AssigneeId == "director.almaty" && t.Status == ApprovalTaskStatus.Decided);
        Assert.Contains(tasks, t => t.Step == "placementDecision" && t.AssigneeId == "centraladmin.central" && t.Status == ApprovalTaskStatus.Decided);
        Assert.True(tasks.Count(t => t.Step == "progressReview") >= 7);
        var sent = ((RecordingNotifier)scenario.Host.Services.GetRequiredService<INotifier>()).Sent;
        Assert.Contains(sent, n => n.Code == "WaitingListAlert");
        Assert.Contains(sent, n => n.Code == "ConsentSessionOverdue");
        Assert.True((await scenario.Host.Services.GetRequiredService<IAuditLog>().VerifyAsync(scenario.CaseId)).IsValid);
    }
}
