using Workflows.Cases;
using Workflows.Engine;

namespace Workflows.Repatriation;

/// <summary>
/// Step 5: whether any adult who arrived has a warrant, read from the case's legal tier. The answer is a
/// yes or no, so the orchestration's history learns no more than that investigators must be told.
/// </summary>
[ActivityName(Name)]
public sealed class WarrantsOnArrivalActivity(ICaseStore cases) : Activity<ArrivingAdults, bool>
{
    public const string Name = "Repatriation.WarrantsOnArrival";

    public override async Task<bool> RunAsync(TaskActivityContext context, ArrivingAdults input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var warrants = HouseholdWarrants.Find(await cases.ReadSectionsAsync(input.CaseId, context.CancellationToken).ConfigureAwait(false));
        return input.MemberRefs.Any(warrants.MembersWithWarrant.Contains);
    }
}
