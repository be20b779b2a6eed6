using Workflows.Approvals;
using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>Drives a referral through its steps as the seeded people of one facility would.</summary>
public sealed class ReferralDriver(DomainHost host, string facility = "almaty")
{
    public static readonly Dictionary<string, string> Medium = new() { ["riskLevel"] = "Medium" };

    public string CaseId { get; private set; } = string.Empty;

    public string InstanceId { get; private set; } = string.Empty;

    public ReferralService Service => host.Service<ReferralService>();

    public static ReferralRequest Request(string facility = "almaty", DateOnly? dateOfBirth = null, string sex = "male") => new()
    {
        PrisonerId = "P-" + Guid.NewGuid().ToString("N")[..6],
        FacilityId = facility,
        Trigger = "staffObservation",
        ReasonCodes = ["recruitment-attempt", "threats-to-staff"],
        EvidenceNarrative = "Observed on 2 January distributing material calling for attacks; threatened an officer.",
        DateOfBirth = dateOfBirth ?? new DateOnly(1990, 5, 1),
        Sex = sex,
        Language = "kk",
    };

    public async Task<IntakeResult> SubmitAsync(ReferralRequest? request = null, string referrer = "")
    {
        var result = await Service.StartReferralAsync(request ?? Request(facility), host.Actor(referrer.Length > 0 ? referrer : $"referrer.{facility}"));
        Assert.Equal(IntakeStatus.Started, result.Status);
        CaseId = result.CaseId!;
        InstanceId = result.InstanceId!;
        await host.Host.RunUntilIdleAsync();
        return result;
    }

    public Task ApproveEligibilityAsync() => host.DecideOpenAsync(CaseId, $"coordinator.{facility}", DecisionKind.Approve);

    public async Task AssessAsync(string riskLevel = "Medium", string first = "assessor1", string second = "assessor2")
    {
        var level = new Dictionary<string, string> { ["riskLevel"] = riskLevel };
        await host.DecideOpenAsync(CaseId, $"{first}.{facility}", DecisionKind.Approve, attributes: level);
        await host.DecideOpenAsync(CaseId, $"{second}.{facility}", DecisionKind.Approve, attributes: level);
    }

    public Task ClearSecurityAsync() => host.DecideOpenAsync(CaseId, $"security.{facility}", DecisionKind.Approve);

    public async Task ConsentAsync(bool given = true, bool? guardian = null, string? childViews = null)
    {
        var result = await Service.RecordConsentAsync(CaseId, Consent(given, guardian, childViews), host.Actor($"coordinator.{facility}"));
        Assert.Equal(DecisionStatus.Recorded, result.Status);
        await host.Host.RunUntilIdleAsync();
    }

    public static ConsentRecord Consent(bool given, bool? guardian = null, string? childViews = null) => new()
    {
        Given = given,
        Language = "kk",
        InterpreterUsed = true,
        WhatWasExplained = "Programme content, duration, records kept.",
        LimitsOfConfidentialityExplained = true,
        RightToWithdrawExplained = true,
        GuardianConsent = guardian,
        ChildViews = childViews,
    };

    public async Task CaseConferenceAsync()
    {
        foreach (var member in new[] { "coordinator", "psychologist", "socialworker", "security", "education" })
        {
            await host.DecideOpenAsync(CaseId, $"{member}.{facility}", DecisionKind.Approve);
        }
    }

    public Task PlaceAsync() => host.DecideOpenAsync(CaseId, $"director.{facility}", DecisionKind.Approve);

    public async Task StartProgrammeAsync()
    {
        Assert.Equal(DecisionStatus.Recorded, (await Service.RecordProgrammeStartAsync(CaseId, host.Actor($"coordinator.{facility}"), "prog-1")).Status);
        await host.Host.RunUntilIdleAsync();
    }

    public async Task ThroughPlacementAsync(string riskLevel = "Medium")
    {
        await ApproveEligibilityAsync();
        await AssessAsync(riskLevel);
        await ClearSecurityAsync();
        await ConsentAsync();
        await CaseConferenceAsync();
        await PlaceAsync();
    }

    public async Task<string> StepAsync() => (await host.StatusAsync(InstanceId)).Step;

    public async Task<string?> OutcomeAsync()
    {
        var state = await host.StateAsync(InstanceId);
        return state.RuntimeStatus == Engine.OrchestrationRuntimeStatus.Completed ? (await host.Host.GetOutputAsync<WorkflowResult>(InstanceId))!.Outcome : null;
    }
}
