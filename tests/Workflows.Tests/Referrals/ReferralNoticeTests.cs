using System.Text.Json;
using Workflows.Approvals;
using Workflows.Notifications;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>Safeguard 6: every decision that affects the person records reasons and sends them a notice with the way to challenge it.</summary>
public sealed class ReferralNoticeTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();
    private readonly ReferralDriver _referral;

    public ReferralNoticeTests() => _referral = new ReferralDriver(_host);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private bool NoticeSent(string code) =>
        _host.Notifier.Sent.Any(n => n.Kind == NotificationKind.DecisionNotice && n.CaseId == _referral.CaseId && n.Code == code && n.ChallengeRoute == "complaint" && n.Language == "kk");

    private async Task<JsonElement> ReasonsAsync() =>
        (await _host.Cases.ReadSectionsAsync(_referral.CaseId)).Single(s => s.Name == "decisionReasons").Data;

    [Fact]
    public async Task AssessmentNotAgreed_TellsThePersonWithTheComplaintRoute_AndRecordsTheReasons()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();

        await _host.DecideOpenAsync(_referral.CaseId, "assessor1.almaty", DecisionKind.Reject, "Risk too high for a group.", ["risk-too-high-for-group-setting"]);
        await _host.DecideOpenAsync(_referral.CaseId, "assessor2.almaty", DecisionKind.Reject, "Not suitable now.", ["insufficient-evidence"]);

        Assert.Equal(ReferralOutcomes.AssessmentNotAgreed, await _referral.OutcomeAsync());
        Assert.True(NoticeSent(ReferralOutcomes.AssessmentNotAgreed));
        var codes = (await ReasonsAsync()).GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "risk-too-high-for-group-setting", "insufficient-evidence" }, codes);
    }

    [Fact]
    public async Task PlanNotAgreed_TellsThePersonWithTheComplaintRoute()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();

        await _host.DecideOpenAsync(_referral.CaseId, "psychologist.almaty", DecisionKind.Reject, "The plan has no education component.");

        Assert.Equal(ReferralOutcomes.PlanNotAgreed, await _referral.OutcomeAsync());
        Assert.True(NoticeSent(ReferralOutcomes.PlanNotAgreed));
        Assert.Equal(ReferralOutcomes.PlanNotAgreed, (await ReasonsAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Lapsed_WhenTheCaseConferenceNeverDecides_TellsThePersonWithTheComplaintRoute()
    {
        await _referral.SubmitAsync();
        await _referral.ApproveEligibilityAsync();
        await _referral.AssessAsync();
        await _referral.ClearSecurityAsync();
        await _referral.ConsentAsync();

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(28));

        Assert.Equal(ReferralOutcomes.Lapsed, await _referral.OutcomeAsync());
        Assert.True(NoticeSent(ReferralOutcomes.Lapsed));
    }

    [Fact]
    public async Task RiskLevelChangedOnReassessment_TellsThePersonWithTheComplaintRoute()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        await _referral.StartProgrammeAsync();
        await _referral.Service.TriggerReassessmentAsync(_referral.CaseId, "incident", _host.Actor("security.almaty"));
        await _host.Host.RunUntilIdleAsync();

        var high = new Dictionary<string, string> { ["riskLevel"] = "High" };
        await _host.DecideOpenAsync(_referral.CaseId, "assessor1.almaty", DecisionKind.Approve, attributes: high);
        await _host.DecideOpenAsync(_referral.CaseId, "assessor2.almaty", DecisionKind.Approve, attributes: high);

        Assert.True(NoticeSent("RiskLevelChanged"));
    }
}
