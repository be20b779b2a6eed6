using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Management;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Pages.Admin;

/// <summary>
/// An action on an instance (raise event, terminate, suspend, resume, restart, rewind, purge): GET shows
/// what it will do and asks for a reason; only the POST (anti-forgery, administrators) acts, through the
/// engine client, and records it in the audit log with <see cref="ManagementAudit"/> as the management API does.
/// </summary>
public sealed class InstanceActionModel(OrchestrationClient client, ManagementAudit audit, UiText text) : PageModel
{
    public static readonly string[] All = ["raise-event", "terminate", "suspend", "resume", "restart", "rewind", "purge"];

    public OrchestrationState State { get; private set; } = null!;

    public string Action { get; private set; } = string.Empty;

    public FormErrors Errors { get; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? EventName { get; set; }

    [BindProperty]
    public string? EventData { get; set; }

    [BindProperty]
    public bool NewInstanceId { get; set; } = true;

    /// <summary>A purge of an instance that has not finished: the engine would delete nothing, so the page refuses it.</summary>
    public bool PurgeRefused => Action == "purge" && !State.RuntimeStatus.IsTerminal();

    /// <summary>The actions a status allows.</summary>
    public static IReadOnlyList<string> AllowedFor(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Suspended => ["raise-event", "resume", "terminate"],
        OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.ContinuedAsNew => ["raise-event", "suspend", "terminate"],
        OrchestrationRuntimeStatus.Failed => ["rewind", "restart", "purge"],
        _ => ["restart", "purge"],
    };

    public async Task<IActionResult> OnGetAsync(string instanceId, string action) =>
        await LoadAsync(instanceId, action) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string instanceId, string action)
    {
        if (!await LoadAsync(instanceId, action))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("reason", text["Error.reason.Required"]);
        }

        JsonNode? payload = null;
        if (Action == "raise-event")
        {
            if (string.IsNullOrWhiteSpace(EventName))
            {
                Errors.Add("eventName", text["Error.eventName.Required"]);
            }

            try
            {
                payload = string.IsNullOrWhiteSpace(EventData) ? null : JsonNode.Parse(EventData);
            }
            catch (JsonException)
            {
                Errors.Add("eventData", text["Error.eventData.Json"]);
            }
        }

        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (PurgeRefused)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var reason = Reason!.Trim();
        try
        {
            switch (Action)
            {
                case "raise-event":
                    await client.RaiseEventAsync(instanceId, EventName!.Trim(), payload, cancellationToken: cancellationToken);
                    await audit.RecordAsync(HttpContext, "raiseEvent", instanceId, $"{EventName!.Trim()}: {reason}");
                    break;
                case "terminate":
                    await client.TerminateAsync(instanceId, reason, recursive: true, cancellationToken);
                    await audit.RecordAsync(HttpContext, "terminate", instanceId, reason);
                    break;
                case "suspend":
                    await client.SuspendAsync(instanceId, reason, cancellationToken);
                    await audit.RecordAsync(HttpContext, "suspend", instanceId, reason);
                    break;
                case "resume":
                    await client.ResumeAsync(instanceId, reason, cancellationToken);
                    await audit.RecordAsync(HttpContext, "resume", instanceId, reason);
                    break;
                case "restart":
                    var id = await client.RestartAsync(instanceId, NewInstanceId, cancellationToken);
                    await audit.RecordAsync(HttpContext, "restart", instanceId, $"{id}: {reason}");
                    TempData["Status"] = "Status.ActionDone";
                    return Redirect("/admin/instances/" + Uri.EscapeDataString(id));
                case "rewind":
                    await client.RewindAsync(instanceId, reason, cancellationToken);
                    await audit.RecordAsync(HttpContext, "rewind", instanceId, reason);
                    break;
                case "purge":
                    // The engine purges only finished instances and answers 0 otherwise: only a real purge is
                    // audited, with the case read before (afterwards the instance and its case tag are gone).
                    if ((await client.PurgeInstanceAsync(instanceId, cancellationToken)).InstancesDeleted == 0)
                    {
                        Errors.Add("reason", text["Action.purge.NothingDeleted"]);
                        Response.StatusCode = StatusCodes.Status409Conflict;
                        return Page();
                    }

                    await audit.RecordWithStateAsync(HttpContext, "purge", State, reason);
                    TempData["Status"] = "Status.Purged";
                    return Redirect("/admin/instances");
            }
        }
        catch (OrchestrationException ex)
        {
            Errors.Add("reason", text.Code("EngineError", ex.ErrorCode.ToString()));
            Response.StatusCode = ex.ErrorCode == OrchestrationErrorCode.InstanceNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Status"] = "Status.ActionDone";
        return Redirect("/admin/instances/" + Uri.EscapeDataString(instanceId));
    }

    private async Task<bool> LoadAsync(string instanceId, string action)
    {
        if (!All.Contains(action))
        {
            return false;
        }

        var state = await client.GetInstanceAsync(instanceId, cancellationToken: HttpContext.RequestAborted);
        if (state is null)
        {
            return false;
        }

        State = state;
        Action = action;
        return true;
    }
}
