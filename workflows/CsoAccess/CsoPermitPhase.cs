using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Notifications;
using static Workflows.WorkflowSteps;

namespace Workflows.CsoAccess;

/// <summary>
/// The permit: renewal reminders 60 and 30 days before expiry, automatic end at expiry, staff added
/// later (CSO focal point → security vetting → central unit), renewal, and emergency suspension by a
/// director confirmed centrally within 7 days, with the CSO's response and a final decision within 30
/// days. One execution per event (continue-as-new).
/// </summary>
internal static class CsoPermitPhase
{
    public static async Task<WorkflowResult> RunAsync(OrchestrationContext context, CsoAccessInput input)
    {
        var info = input.Case;
        var policy = input.Policy;
        var permit = input.Permit!;
        var reminders = new[] { ("first", policy.Calendar.Subtract(permit.ValidUntil, policy.Timer("renewalReminderFirst"))), ("second", policy.Calendar.Subtract(permit.ValidUntil, policy.Timer("renewalReminderSecond"))) }
            .Where(r => !permit.RemindersSent.Contains(r.Item1)).ToList();
        var next = reminders.Count > 0 ? reminders.Min(r => r.Item2) : permit.ValidUntil;
        ShowWait(context, "permit", permit.ValidUntil, Roles.CsoFocalPoint);

        using var cts = new CancellationTokenSource();
        var staff = context.WaitForExternalEvent<CsoSignal>(CsoEvents.StaffAdditionRequested, cts.Token);
        var suspension = context.WaitForExternalEvent<CsoSignal>(CsoEvents.SuspensionRequested, cts.Token);
        var renewal = context.WaitForExternalEvent<CsoSignal>(CsoEvents.RenewalRequested, cts.Token);
        var timer = context.CreateTimer(next, cts.Token);
        var winner = await Task.WhenAny(staff, suspension, renewal, timer);
        Cancel(cts);
        var state = permit with { Cycle = permit.Cycle + 1 };
        ApprovalRequest Req(string step) => Request(info, policy, step) with { OrganisationId = input.OrganisationId };

        if (winner == timer)
        {
            if (context.CurrentUtcDateTime >= permit.ValidUntil)
            {
                return await FinishAsync(context, info, CsoOutcomes.PermitExpired);
            }

            var due = reminders.Where(r => r.Item2 <= context.CurrentUtcDateTime).Select(r => r.Item1).ToList();
            await NotifyAsync(context, info, NotificationKind.Alert, "renewal", "RenewalReminder", Roles.CentralPartnershipsUnit, ScopeLevel.Central, people: [info.RequesterId], due: permit.ValidUntil);
            state = state with { RemindersSent = [.. permit.RemindersSent, .. due] };
        }
        else if (winner == staff && staff.IsCompletedSuccessfully)
        {
            var staffId = staff.Result.StaffId!;
            var addition = await ApprovalStep.RunAsync(context, Req("staffAddition") with { SubjectRef = staffId });
            if (addition.IsApproved)
            {
                state = state with { ApprovedStaff = [.. permit.ApprovedStaff, staffId] };
                await RecordAsync(context, info, AuditActions.EventRecorded, "StaffAdded", section: "accessAgreement-staff", data: new { staff = state.ApprovedStaff });
            }
        }
        else if (winner == renewal && renewal.IsCompletedSuccessfully)
        {
            var renewed = await ApprovalStep.RunAsync(context, Req("renewal"));
            if (renewed.IsApproved)
            {
                state = state with { ValidUntil = policy.Calendar.Add(permit.ValidUntil, policy.Timer("permitValidity")), RemindersSent = [] };
                await RecordAsync(context, info, AuditActions.EventRecorded, "PermitRenewed", section: "accessAgreement-validity", data: new { validUntil = state.ValidUntil });
            }
        }
        else if (winner == suspension && suspension.IsCompletedSuccessfully)
        {
            // Immediate suspension by a prison director on an incident; central confirmation within 7 days.
            var suspendedAt = context.CurrentUtcDateTime;
            await RecordAsync(context, info, AuditActions.EventRecorded, "Suspended", status: "Suspended");
            await NotifyAsync(context, info, NotificationKind.Alert, "suspension", "Suspended", people: [info.RequesterId]);
            var confirmation = await ApprovalStep.RunAsync(context, Req("suspensionConfirmation"));
            if (confirmation.IsApproved)
            {
                // The CSO may respond; the final decision falls within 30 days of the suspension.
                await WaitForEventAsync<CsoSignal>(context, CsoEvents.CsoResponded, policy.Calendar.Add(context.CurrentUtcDateTime, policy.Timer("csoResponseWindow")));
                var final = await ApprovalStep.RunAsync(context, Req("suspensionFinal") with { ClockStart = suspendedAt, ExcludedUserIds = confirmation.DeciderIds.ToList() });
                if (final.IsApproved)
                {
                    return await FinishAsync(context, info, CsoOutcomes.Revoked);
                }
            }

            await RecordAsync(context, info, AuditActions.EventRecorded, "SuspensionLifted", status: CsoOutcomes.PermitActive);
            await NotifyAsync(context, info, NotificationKind.Outcome, "suspension", "SuspensionLifted", people: [info.RequesterId]);
        }

        context.ContinueAsNew(input with { Permit = state });
        return new WorkflowResult("ContinuedAsNew");
    }
}
