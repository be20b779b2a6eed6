using System.Text.Json;
using Workflows.Cases;

namespace Workflows.Repatriation;

/// <summary>
/// The members' identity details (date of birth, exact or estimated, and sex) in the identity tier of
/// the household case, section <see cref="SectionName"/>. Read by activities, never carried in an input.
/// </summary>
public sealed record HouseholdIdentity(string MemberRef, DateOnly? DateOfBirth, bool DateOfBirthEstimated, string? Sex)
{
    public const string SectionName = "members";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonElement From(IEnumerable<HouseholdMember> members) =>
        JsonSerializer.SerializeToElement(members.Select(m => new HouseholdIdentity(m.MemberRef!, m.DateOfBirth, m.DateOfBirthEstimated, m.Sex)).ToList(), Json);

    public static HouseholdIdentity? Find(IEnumerable<CaseSection> sections, string memberRef)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return sections.FirstOrDefault(s => s.Name == SectionName)?.Data.Deserialize<List<HouseholdIdentity>>(Json)?.FirstOrDefault(m => m.MemberRef == memberRef);
    }
}
