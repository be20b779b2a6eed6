using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Approvals;
using Workflows.Cases;
using Workflows.CsoAccess;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Auth;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Cases;

/// <summary>
/// A case as the signed-in person may see it: the timeline of its workflows and decisions, its documents
/// by tier (readable tiers only), the next deadlines, and the way to its audit trail for auditors.
/// </summary>
public sealed class CaseModel(CaseReadService cases, IApprovalTaskStore tasks, OrchestrationClient client, IPersonDirectory directory, TimeProvider time) : PageModel
{
    public CaseView View { get; private set; } = null!;

    public Facility? Facility { get; private set; }

    public IReadOnlyList<OrchestrationState> Instances { get; private set; } = [];

    public IReadOnlyList<CaseTimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<(DateTimeOffset Due, string Text, bool Overdue)> Deadlines { get; private set; } = [];

    public bool MayAudit { get; private set; }

    /// <summary>CSO staff reading an assigned case: the annex's fields only, no tasks, decisions, timeline or workflows.</summary>
    public bool PartnerView { get; private set; }

    /// <summary>Whether the signed-in person may assign CSO staff to this prisoner's case.</summary>
    public bool MayAssignPartners { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string caseId)
    {
        var actor = HttpContext.RequireActor();
        var cancellationToken = HttpContext.RequestAborted;
        var view = await cases.ReadAsync(caseId, actor, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Now = time.GetUtcNow();
        Facility = await directory.FindFacilityAsync(view.Case.FacilityId, cancellationToken);
        PartnerView = view.PartnerView;
        if (PartnerView)
        {
            return Page();
        }

        var page = await client.QueryInstancesAsync(new InstanceQuery { Tags = new Dictionary<string, string> { [WorkflowNames.CaseTag] = caseId }, PageSize = 200 }, cancellationToken);
        Instances = page.Instances.Where(i => i.Name != Workflows.Approvals.ApprovalOrchestration.Name).OrderBy(i => i.CreatedAt).ToList();
        var caseTasks = await tasks.ListByCaseAsync(caseId, cancellationToken);
        var people = (await directory.ListPeopleAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal);
        Timeline = CaseTimelineEntry.Build(view.Case, Instances, caseTasks, people);
        var text = HttpContext.RequestServices.GetRequiredService<UiText>();
        Deadlines = caseTasks.Where(t => t.IsOpen)
            .Select(t => (t.Due, text.Format("Case.TaskDeadline", text.Step(t.Step), text.Role(t.Role)), t.IsOverdue(Now)))
            .Concat(Instances.Where(i => i.NextTimerDueAt is not null).Select(i => (i.NextTimerDueAt!.Value, text.Format("Case.TimerDeadline", text.Workflow(i.Tags.GetValueOrDefault(WorkflowNames.WorkflowTag, i.Name))), false)))
            .OrderBy(d => d.Item1)
            .ToList();
        MayAssignPartners = CsoAssignmentService.MayStaff(actor, view.Case, Facility);
        MayAudit = actor.HasRole(Workflows.Roles.Inspector) || actor.HasRole(Workflows.Roles.DataProtectionOfficer) || actor.HasRole(Workflows.Roles.SystemAdministrator);
        return Page();
    }
}
