using Workflows.People;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>A small directory: approvers in French and Arabic, another staff member, a Graph-style person (object id as id).</summary>
public static class Staff
{
    public const string Approver = "p-approver";
    public const string ArabicApprover = "p-approver-ar";
    public const string Other = "p-other";
    public const string Delegate = "p-delegate";

    /// <summary>A staff member the directory has no email address for.</summary>
    public const string NoAddress = "p-no-address";

    /// <summary>A person whose id is an Entra object id (as with the Graph directory).</summary>
    public const string EntraPerson = "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";

    public static DirectoryDocument Document { get; } = new()
    {
        Facilities = [new Facility("almaty", "Almaty prison", FacilityKind.MenPrison, "south", "KZ")],
        People =
        [
            Person(Approver, "Amélie Approver", "amelie@prisons.test", "fr"),
            Person(ArabicApprover, "Amina Approver", "amina@prisons.test", "ar"),
            Person(Other, "Oleg Other", "oleg@prisons.test", "ru"),
            Person(Delegate, "Dana Delegate", "dana@prisons.test", "en"),
            Person(EntraPerson, "Erin Entra", "erin@prisons.test", "en"),
            Person(NoAddress, "Nadia No-address", string.Empty, "en"),
        ],
    };

    public static JsonPersonDirectory Directory() => new(Document);

    private static Person Person(string id, string name, string email, string language) => new()
    {
        Id = id,
        DisplayName = name,
        Email = email,
        Language = language,
        Roles = [new RoleGrant(Roles.ProgrammeCoordinator, ScopeLevel.Facility, "almaty")],
    };
}
