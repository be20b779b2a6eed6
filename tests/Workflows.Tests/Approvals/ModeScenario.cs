using Workflows.Approvals;
using Workflows.Policies;

namespace Workflows.Tests.Approvals;

public enum ModeMove
{
    /// <summary>A decision by the approver in <see cref="ModeAttempt.Slot"/> (-1: the director added by the escalation).</summary>
    Decide,

    /// <summary>Time passes to the escalation, which adds the director: one more vote in a quorum step, otherwise an approver who settles it alone.</summary>
    Escalate,

    /// <summary>The last recorded decision's signal is delivered again (same id).</summary>
    Redeliver,
}

public sealed record ModeAttempt(ModeMove Move, int Slot, DecisionKind Kind);

/// <summary>One generated approval step: mode, approvers (people of the development directory), veto and required roles, and what happens.</summary>
public sealed record ModeScenario(ApprovalMode Mode, int Quorum, bool SecurityVetoes, int[] Approvers, int[] Required, ModeAttempt[] Attempts)
{
    public static readonly string[] Pool = ["coordinator.almaty", "psychologist.almaty", "socialworker.almaty", "security.almaty", "education.almaty"];

    public static readonly string[] PoolRoles = [Roles.ProgrammeCoordinator, Roles.Psychologist, Roles.SocialWorker, Roles.SecurityOfficer, Roles.EducationStaff];

    public const string Director = "director.almaty";

    public const int EscalationDays = 10;

    public IReadOnlyList<string> People => Approvers.Select(a => Pool[a]).ToList();

    public IReadOnlyList<string> RequiredRoles => Required.Select(i => PoolRoles[Approvers[i]]).ToList();

    public bool IsVetoSlot(int slot) => slot >= 0 && SecurityVetoes && Pool[Approvers[slot]] == "security.almaty";

    /// <summary>Only a veto role can veto; anyone else's veto attempt is a rejection.</summary>
    public DecisionKind KindFor(ModeAttempt attempt) =>
        attempt.Kind == DecisionKind.Veto && !IsVetoSlot(attempt.Slot) ? DecisionKind.Reject : attempt.Kind;

    public override string ToString() =>
        $"{Mode} q={Quorum} veto={SecurityVetoes} approvers=[{string.Join(',', People)}] required=[{string.Join(',', RequiredRoles)}] " +
        $"attempts=[{string.Join(", ", Attempts.Select(a => a.Move == ModeMove.Decide ? $"{a.Slot}:{a.Kind}" : a.Move.ToString()))}]";
}
