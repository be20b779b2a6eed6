using System.Security.Claims;
using Workflows.Audit;
using Workflows.Engine;
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

        await AppendAsync(context, action, caseId, instanceId, detail).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends the entry for an instance read before the action: a purge is recorded only once it has
    /// deleted something, when the instance (and so its case tag) can no longer be read.
    /// </summary>
    public Task RecordWithStateAsync(HttpContext context, string action, OrchestrationState instance, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var caseId = instance.Tags.TryGetValue(WorkflowNames.CaseTag, out var tagged) ? tagged : SystemStream;
        return AppendAsync(context, action, caseId, instance.InstanceId, detail);
    }

    private async Task AppendAsync(HttpContext context, string action, string caseId, string? instanceId, string? detail)
    {
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
