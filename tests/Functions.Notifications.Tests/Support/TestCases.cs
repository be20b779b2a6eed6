using Workflows.Cases;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>The case the test notifications are about: opened by <see cref="Staff.Approver"/> at Almaty, about a subject who reads Russian.</summary>
public static class TestCases
{
    public const string CaseId = "case-1";
    public const string SubjectId = "subject-1";

    /// <summary>A case whose requester has left the directory: nobody can hand a notice over.</summary>
    public const string OrphanCaseId = "case-orphan";

    public static InMemoryCaseStore Store()
    {
        var store = new InMemoryCaseStore();
        Add(store, CaseId, Staff.Approver);
        Add(store, OrphanCaseId, "p-gone");
        return store;
    }

    private static void Add(InMemoryCaseStore store, string caseId, string requesterId) =>
        store.CreateAsync(new CaseRecord
        {
            CaseId = caseId,
            Reference = "REF-2026-0042",
            Workflow = WorkflowNames.Referral,
            FacilityId = "almaty",
            RegionId = "south",
            SubjectId = SubjectId,
            SubjectLanguage = "ru",
            RequesterId = requesterId,
        }).GetAwaiter().GetResult();
}
