using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.CsoAccess;

/// <summary>
/// Tells every visit request of a permit that is still running — pending a decision or approved and
/// scheduled — that the permit is suspended; each withdraws or cancels itself, audits it and tells the
/// CSO. Returns how many were told. Idempotent: a visit told twice acts once.
/// </summary>
[ActivityName(Name)]
public sealed class SuspendVisitsActivity(OrchestrationClient client) : Activity<string, int>
{
    public const string Name = "CsoAccess.SuspendVisits";

    private static readonly OrchestrationRuntimeStatus[] Live = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(input);
        var told = 0;
        string? continuation = null;
        do
        {
            var page = await client.QueryInstancesAsync(
                new InstanceQuery
                {
                    Name = CsoVisitOrchestration.Name,
                    RuntimeStatus = Live,
                    Tags = new Dictionary<string, string> { [WorkflowNames.CaseTag] = input },
                    ContinuationToken = continuation,
                },
                context.CancellationToken).ConfigureAwait(false);
            foreach (var visit in page.Instances)
            {
                try
                {
                    // The event id makes a retried call tell each visit once.
                    await client.RaiseEventAsync(visit.InstanceId, CsoEvents.PermitSuspended, new CsoSignal("suspension"), $"{context.IdempotencyKey}:{visit.InstanceId}", context.CancellationToken).ConfigureAwait(false);
                    told++;
                }
                catch (OrchestrationException e) when (e.ErrorCode == OrchestrationErrorCode.InstanceCompleted)
                {
                    // The visit ended (its time came, or it was decided) since the query: nothing to withdraw.
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return told;
    }
}
