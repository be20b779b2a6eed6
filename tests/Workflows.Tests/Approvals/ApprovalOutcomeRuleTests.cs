using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.Tests.Approvals;

/// <summary>Worked examples of <see cref="ApprovalOutcomeRule.Conclude"/>, one rule each.</summary>
public sealed class ApprovalOutcomeRuleTests
{
    private const DecisionKind Yes = DecisionKind.Approve;
    private const DecisionKind No = DecisionKind.Reject;

    private static readonly ApprovalSlot[] ThreeAssessors = [Slot(0, Roles.RiskAssessor), Slot(1, Roles.RiskAssessor), Slot(2, Roles.RiskAssessor)];

    private static ApprovalSlot Slot(int index, string role, int stage = 0, bool veto = false, bool authority = false) =>
        new() { Index = index, Role = role, Stage = stage, Veto = veto, Authority = authority };

    private static ApprovalRuleSpec Spec(ApprovalMode mode, int? quorum, IReadOnlyCollection<string>? required, params ApprovalSlot[] slots) =>
        new(mode, quorum, slots, required ?? []);

    private static Verdict Conclude(ApprovalRuleSpec spec, params (int Slot, DecisionKind Kind)[] decided) =>
        ApprovalOutcomeRule.Conclude(spec, decided.ToDictionary(d => d.Slot, d => d.Kind));

    [Fact]
    public void QuorumOfTwo_OneApproval_IsPending_TwoApprove()
    {
        var spec = Spec(ApprovalMode.Quorum, 2, null, ThreeAssessors);

        Assert.Equal(Verdict.Pending, Conclude(spec, (0, Yes)));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, Yes), (2, DecisionKind.ApproveWithConditions)));
    }

    [Fact]
    public void QuorumOfTwo_SplitWithAThirdUndecided_IsStillPending()
    {
        Assert.Equal(Verdict.Pending, Conclude(Spec(ApprovalMode.Quorum, 2, null, ThreeAssessors), (0, Yes), (1, No)));
    }

    [Fact]
    public void QuorumOfTwo_SplitWithNobodyLeft_IsADisagreement()
    {
        var spec = Spec(ApprovalMode.Quorum, 2, null, Slot(0, Roles.RiskAssessor), Slot(1, Roles.RiskAssessor));

        Assert.Equal(Verdict.Disagreement, Conclude(spec, (0, Yes), (1, No)));
    }

    [Fact]
    public void Majority_ThreeOfFive_Approves_AndTwoDissentersDoNotBlockIt()
    {
        var spec = Spec(ApprovalMode.Majority, null, null, Slot(0, "a"), Slot(1, "b"), Slot(2, "c"), Slot(3, "d"), Slot(4, "e"));

        Assert.Equal(Verdict.Pending, Conclude(spec, (0, No), (1, No), (2, Yes)));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, No), (1, No), (2, Yes), (3, Yes), (4, Yes)));
        Assert.Equal(Verdict.Rejected, Conclude(spec, (0, No), (1, No), (2, No)));
    }

    [Fact]
    public void Majority_WithRequiredConcurrence_WaitsForTheRequiredRole_AndItsRejectionEndsIt()
    {
        var spec = Spec(ApprovalMode.Majority, null, [Roles.NationalSecurity], Slot(0, Roles.LegalReviewer), Slot(1, Roles.ProgrammeReviewer), Slot(2, Roles.NationalSecurity));

        Assert.Equal(Verdict.Pending, Conclude(spec, (0, Yes), (1, Yes)));
        Assert.Equal(Verdict.Rejected, Conclude(spec, (0, Yes), (1, Yes), (2, No)));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, Yes), (2, Yes)));
    }

    [Fact]
    public void All_TheFirstRejectionEndsIt_EvenAfterApprovals()
    {
        var spec = Spec(ApprovalMode.All, null, null, Slot(0, "a"), Slot(1, "b"), Slot(2, "c"));

        Assert.Equal(Verdict.Rejected, Conclude(spec, (0, Yes), (1, No)));
        Assert.Equal(Verdict.Pending, Conclude(spec, (0, Yes), (1, Yes)));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, Yes), (1, Yes), (2, Yes)));
    }

    [Fact]
    public void Any_TheFirstDecisionSettlesIt()
    {
        var spec = Spec(ApprovalMode.Any, null, null, Slot(0, "a"), Slot(1, "b"));

        Assert.Equal(Verdict.Rejected, Conclude(spec, (1, No)));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, Yes)));
    }

    [Fact]
    public void Sequential_OpensTheNextStageOnlyAfterApproval()
    {
        var spec = Spec(ApprovalMode.Sequential, null, null, Slot(0, Roles.PrisonDirector, stage: 0), Slot(1, Roles.CentralAdministration, stage: 1));
        var afterDirector = new Dictionary<int, DecisionKind> { [0] = Yes };

        Assert.Equal(0, ApprovalOutcomeRule.CurrentStage(spec, new Dictionary<int, DecisionKind>()));
        Assert.False(ApprovalOutcomeRule.IsActive(spec, spec.Slots[1], new Dictionary<int, DecisionKind>(), new HashSet<int>()));
        Assert.Equal(1, ApprovalOutcomeRule.CurrentStage(spec, afterDirector));
        Assert.Equal(Verdict.Pending, ApprovalOutcomeRule.Conclude(spec, afterDirector));
        Assert.Equal(Verdict.Approved, Conclude(spec, (0, Yes), (1, Yes)));
    }

    [Fact]
    public void AVetoRolesRejection_IsAVeto_WhateverTheMode()
    {
        var spec = Spec(ApprovalMode.Majority, null, null, Slot(0, "a"), Slot(1, "b"), Slot(2, Roles.SecurityOfficer, veto: true));

        Assert.Equal(Verdict.Vetoed, Conclude(spec, (0, Yes), (2, No)));
    }

    [Fact]
    public void AnAuthoritysDecision_SettlesTheStepAlone()
    {
        var spec = Spec(ApprovalMode.Quorum, 2, null, [.. ThreeAssessors, Slot(3, Roles.PrisonDirector, authority: true)]);

        Assert.Equal(Verdict.Approved, Conclude(spec, (0, No), (3, Yes)));
        Assert.Equal(Verdict.Rejected, Conclude(spec, (0, Yes), (3, No)));
    }
}
