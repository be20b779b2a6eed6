using System.Text.Json;
using Workflows.Cases;
using Workflows.Engine;

namespace Workflows.PreRelease;

/// <summary>
/// Reads the programme outcome of the referral linked to a pre-release case (its exit: completion,
/// withdrawal by the prisoner, suspension by the director), for the plan's needs section. An outcome
/// code and date only. Reads only: safe to retry.
/// </summary>
[ActivityName(Name)]
public sealed class ReadProgrammeOutcomeActivity(ICaseStore cases) : Activity<string, LinkedProgrammeOutcome>
{
    public const string Name = "PreRelease.ReadProgrammeOutcome";

    public override async Task<LinkedProgrammeOutcome> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await cases.GetAsync(input, context.CancellationToken).ConfigureAwait(false);
        foreach (var linkedId in plan?.LinkedCaseIds ?? [])
        {
            if (await cases.GetAsync(linkedId, context.CancellationToken).ConfigureAwait(false) is not { Workflow: WorkflowNames.Referral } referral || referral.SubjectId != plan!.SubjectId)
            {
                continue;
            }

            var section = (await cases.ReadSectionsAsync(linkedId, context.CancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s is { Name: "programmeOutcome", Tier: DataTier.Workflow });
            if (section is { Data.ValueKind: JsonValueKind.Object } && section.Data.TryGetProperty("outcome", out var outcome))
            {
                DateTimeOffset? at = section.Data.TryGetProperty("at", out var when) && when.TryGetDateTimeOffset(out var parsed) ? parsed : null;
                return new LinkedProgrammeOutcome(linkedId, outcome.GetString(), at);
            }

            return new LinkedProgrammeOutcome(linkedId, null, null);
        }

        return new LinkedProgrammeOutcome(null, null, null);
    }
}
