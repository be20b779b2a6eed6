using System.Text.Json;
using Workflows.Cases;

namespace Workflows.Repatriation;

/// <summary>
/// Which members of the household have a warrant: legal-tier data, kept in the case's legal tier (section
/// <see cref="SectionName"/>) from intake on and read by <see cref="WarrantsOnArrivalActivity"/>, never
/// carried in a workflow input.
/// </summary>
public sealed record HouseholdWarrants(IReadOnlyList<string> MembersWithWarrant)
{
    public const string SectionName = "warrants";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CaseSection SectionFor(IEnumerable<HouseholdMember> members) => new()
    {
        Tier = DataTier.Legal,
        Name = SectionName,
        Data = JsonSerializer.SerializeToElement(new HouseholdWarrants(members.Where(m => m.HasWarrant).Select(m => m.MemberRef!).ToList()), Json),
    };

    public static HouseholdWarrants Find(IEnumerable<CaseSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return sections.FirstOrDefault(s => s.Name == SectionName && s.Tier == DataTier.Legal)?.Data.Deserialize<HouseholdWarrants>(Json) ?? new HouseholdWarrants([]);
    }
}
