using Microsoft.Extensions.Options;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Management;

/// <summary>
/// Builds the Durable Functions check-status payload (<c>id</c>, <c>statusQueryGetUri</c>,
/// <c>sendEventPostUri</c>, ...) from the configured public base URL — never from the request's Host
/// header, which a client controls.
/// </summary>
public sealed class CheckStatusLinks(IOptions<WorkflowsHostOptions> options)
{
    /// <summary>The status URL of an instance.</summary>
    public string StatusUri(string instanceId) => $"{Base}/instances/{Uri.EscapeDataString(instanceId)}";

    /// <summary>The check-status body for an instance.</summary>
    public CheckStatusResponse Create(string instanceId)
    {
        var instance = StatusUri(instanceId);
        return new CheckStatusResponse(
            instanceId,
            instance,
            $"{instance}/raiseEvent/{{eventName}}",
            $"{instance}/terminate?reason={{text}}",
            instance,
            $"{instance}/restart",
            $"{instance}/suspend?reason={{text}}",
            $"{instance}/resume?reason={{text}}");
    }

    /// <summary>202 Accepted with <c>Location</c> = status URL and the check-status body.</summary>
    public IResult Accepted(string instanceId) => Results.Accepted(StatusUri(instanceId), Create(instanceId));

    private string Base => options.Value.PublicBaseUrl.TrimEnd('/') + ManagementEndpoints.BasePath;
}

/// <summary>The Durable Functions check-status payload.</summary>
public sealed record CheckStatusResponse(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri);
