using System.Security.Claims;
using Workflows.Audit;
using Workflows.Engine.Client;

namespace Workflows.Functions.Management;

/// <summary>
/// Records every administrative action on an instance (start, raise event, terminate, suspend,
/// resume, restart, rewind, purge) in the audit log of the instance's case, or in the system audit
/// stream when the instance has no case.
/// </summary>
public sealed class ManagementAudit(IAuditLog audit, OrchestrationClient client)
{
    /// <summary>The audit stream of actions that concern no single case.</summary>
    public const string SystemStream = "system";

    /// <summary>Appends the entry.</summary>
    public async Task RecordAsync(HttpContext context, string action, string? instanceId, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = SystemStream;
        if (instanceId is not null
            && await client.GetInstanceAsync(instanceId, cancellationToken: context.RequestAborted).ConfigureAwait(false) is { } state
            && state.Tags.TryGetValue(WorkflowNames.CaseTag, out var tagged))
        {
            caseId = tagged;
        }

        var ids = new Dictionary<string, string>();
        if (instanceId is not null)
        {
            ids["instanceId"] = instanceId;
        }

        await audit.AppendAsync(
            new AuditRecord
            {
                CaseId = caseId,
                ActorId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
                Role = Roles.SystemAdministrator,
                Action = $"Management.{action}",
                Reason = detail,
                Ids = ids,
            },
            context.RequestAborted).ConfigureAwait(false);
    }
}
