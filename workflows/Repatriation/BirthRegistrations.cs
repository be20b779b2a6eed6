using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.Repatriation;

/// <summary>
/// Birth registration of each child born abroad (step 2): started once the household is verified, running
/// beside the consents, the manifest and the centre, each recorded as soon as it ends and all settled
/// before the exit. Until a child's birth
/// is registered the child's statelessness risk stays flagged.
/// </summary>
internal sealed class BirthRegistrations(OrchestrationContext context, RepatriationInput input)
{
    private readonly List<(ApprovalStep.Prepared Prepared, Task<ApprovalOutcome> Outcome, Task Recorded)> _running = [];

    public async Task StartAsync(IEnumerable<HouseholdMember> children)
    {
        foreach (var child in children)
        {
            var request = input.StepFor("birthRegistration", child.MemberRef!, RepatriationSteps.BirthRegistration(input.Policy));
            var prepared = await ApprovalStep.PrepareAsync(context, request);
            var outcome = ApprovalStep.RunPreparedAsync(context, prepared);
            _running.Add((prepared, outcome, RecordAsync(child.MemberRef!, outcome)));
        }
    }

    /// <summary>The registrations still running (a wait can race them to notice a withdrawal at once).</summary>
    public IReadOnlyList<Task<ApprovalOutcome>> Running => _running.Select(r => r.Outcome).Where(t => !t.IsCompleted).ToList();

    /// <summary>True once the requester withdrew while a registration was open: the whole case is withdrawn.</summary>
    public bool Withdrawn => _running.Any(r => r.Outcome.IsCompletedSuccessfully && r.Outcome.Result.Result == ApprovalResult.Withdrawn);

    /// <summary>The case ends before the return: registrations still open are withdrawn.</summary>
    public async Task WithdrawAsync()
    {
        foreach (var (prepared, _, _) in _running.Where(r => !r.Outcome.IsCompleted))
        {
            ApprovalStep.Withdraw(context, prepared);
        }

        await Task.WhenAll(_running.Select(r => r.Recorded));
    }

    /// <summary>Waits until every registration is settled and recorded.</summary>
    public Task CompleteAsync() => Task.WhenAll(_running.Select(r => r.Recorded));

    /// <summary>Records a registration as soon as it ends: the reference, or the risk that stays flagged.</summary>
    private async Task RecordAsync(string childRef, Task<ApprovalOutcome> running)
    {
        var outcome = await running;
        var info = input.Case;
        if (outcome.IsApproved)
        {
            await WorkflowSteps.RecordAsync(context, info, AuditActions.StepOutcome, $"Birth registered for {childRef}", section: $"birthRegistration-{childRef}", tier: DataTier.Identity,
                data: new { childRef, registrationRef = outcome.Attributes.GetValueOrDefault("birthRegistrationRef"), registeredAt = outcome.At, statelessnessRisk = false });
            return;
        }

        await WorkflowSteps.RecordAsync(context, info, AuditActions.StepOutcome, $"Birth not registered for {childRef}: {outcome.Result}", section: $"birthRegistration-{childRef}", tier: DataTier.Identity,
            data: new { childRef, result = outcome.Result.ToString(), statelessnessRisk = true });
        if (outcome.Result != ApprovalResult.Withdrawn)
        {
            await NotifyAsync(context, info, NotificationKind.Alert, "birthRegistration", "BirthNotRegistered", Roles.ConsularService, ScopeLevel.Central);
            await NotifyAsync(context, info, NotificationKind.Alert, "birthRegistration", "BirthNotRegistered", Roles.ChildProtection, ScopeLevel.Region);
        }
    }
}
