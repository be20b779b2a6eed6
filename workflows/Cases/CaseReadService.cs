using Workflows.Audit;
using Workflows.CsoAccess;
using Workflows.People;

namespace Workflows.Cases;

/// <summary>
/// Reads cases for people: returns only the tiers the actor may read, audits every read of a sensitive
/// tier, and answers null both for a case that does not exist and for one the actor may not see, so
/// nobody learns whether a case exists.
/// </summary>
public sealed class CaseReadService(ICaseStore cases, IDocumentStore documents, IAuditLog audit, IPersonDirectory directory)
{
    public async Task<CaseView?> ReadAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await AccessAsync(caseId, actor, cancellationToken).ConfigureAwait(false) is not var (record, tiers))
        {
            return null;
        }

        IReadOnlyList<CaseSection> sections = (await cases.ReadSectionsAsync(caseId, cancellationToken).ConfigureAwait(false)).Where(s => tiers.Contains(s.Tier)).ToList();
        var partner = CaseAccessPolicy.IsPartnerView(actor, record);
        if (partner)
        {
            // A CSO reader sees only the workflow-tier fields their access agreement's data-sharing annex names;
            // without an active agreement (suspended, expired, another organisation's) not even the case.
            if (await AnnexOfAsync(record, actor, cancellationToken).ConfigureAwait(false) is not { } annex)
            {
                return null;
            }

            sections = DataSharingAnnex.Apply(sections, annex);
        }

        // The annex names fields, never documents (incident reports, evidence): a CSO reader sees none.
        var docs = partner ? [] : (await cases.ListDocumentsAsync(caseId, cancellationToken).ConfigureAwait(false)).Where(d => tiers.Contains(d.Tier)).ToList();
        var sensitiveRead = sections.Select(s => s.Tier).Concat(docs.Select(d => d.Tier)).Where(CaseAccessPolicy.SensitiveTiers.Contains).Distinct().OrderBy(t => t).ToList();
        if (sensitiveRead.Count > 0)
        {
            await AuditSensitiveReadAsync(caseId, actor, string.Join(',', sensitiveRead), null, cancellationToken).ConfigureAwait(false);
        }

        var visible = partner
            // Nor the record beyond what places the case: no subject, requester, other people on it or linked cases.
            ? record with { SubjectId = null, RequesterId = string.Empty, Participants = record.Participants.Where(p => p.PersonId == actor.UserId).ToList(), LinkedCaseIds = [], ExcludedStaffIds = [] }
            : record with { Participants = record.Confidential ? record.Participants.Where(p => p.PersonId == actor.UserId).ToList() : record.Participants };
        return new CaseView(visible, tiers.OrderBy(t => t).ToList(), sections, docs) { PartnerView = partner };
    }


    /// <summary>
    /// The annex of the reader's organisation's active access agreement the case is linked to (its CSO
    /// access case among the linked cases); null when there is none, or the permit is not active.
    /// </summary>
    private async Task<IReadOnlyList<string>?> AnnexOfAsync(CaseRecord record, Actor actor, CancellationToken cancellationToken)
    {
        var organisations = actor.Roles.Where(g => g.Level == ScopeLevel.Organisation).Select(g => g.ScopeId).ToHashSet(StringComparer.Ordinal);
        List<string>? annex = null;
        foreach (var linkedId in record.LinkedCaseIds)
        {
            var linked = await cases.GetAsync(linkedId, cancellationToken).ConfigureAwait(false);
            if (linked is not { Workflow: WorkflowNames.CsoAccess, Status: CsoOutcomes.PermitActive })
            {
                continue;
            }

            if (DataSharingAnnex.Find(await cases.ReadSectionsAsync(linkedId, cancellationToken).ConfigureAwait(false), organisations) is { } fields)
            {
                (annex ??= []).AddRange(fields);
            }
        }

        return annex;
    }

    public async Task<StoredDocument?> ReadDocumentAsync(string caseId, string documentId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await AccessAsync(caseId, actor, cancellationToken).ConfigureAwait(false) is not var (record, tiers))
        {
            return null;
        }

        var document = CaseAccessPolicy.IsPartnerView(actor, record) ? null : await documents.GetAsync(caseId, documentId, cancellationToken).ConfigureAwait(false);
        if (document is null || !tiers.Contains(document.Tier))
        {
            return null;
        }

        if (CaseAccessPolicy.SensitiveTiers.Contains(document.Tier))
        {
            await AuditSensitiveReadAsync(caseId, actor, document.Tier.ToString(), ("documentId", documentId), cancellationToken).ConfigureAwait(false);
        }

        return document;
    }

    /// <summary>
    /// Every version of one section, oldest first, for someone who may read its tier (audited like a read
    /// of the tier when it is sensitive); null when the case, the section or the tier is not theirs to see.
    /// </summary>
    public async Task<IReadOnlyList<CaseSection>?> ReadSectionHistoryAsync(string caseId, DataTier tier, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await AccessAsync(caseId, actor, cancellationToken).ConfigureAwait(false) is not var (record, tiers))
        {
            return null;
        }

        // A partner (CSO) sees the workflow tier only through their agreement's data-sharing annex, which
        // narrows the current sections' fields; earlier versions are not narrowed, so partners get no history.
        if (!tiers.Contains(tier) || CaseAccessPolicy.IsPartnerView(actor, record))
        {
            return null;
        }

        var versions = await cases.ReadSectionHistoryAsync(caseId, tier, name, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        if (CaseAccessPolicy.SensitiveTiers.Contains(tier))
        {
            await AuditSensitiveReadAsync(caseId, actor, tier.ToString(), ("sectionHistory", name), cancellationToken).ConfigureAwait(false);
        }

        return versions;
    }

    /// <summary>The audit trail for inspectors and data-protection officers (read-only), or participants' oversight; null when not entitled.</summary>
    public async Task<AuditTrail?> ReadAuditAsync(string caseId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.ExcludedStaffIds.Contains(actor.UserId))
        {
            return null;
        }

        var facility = await directory.FindFacilityAsync(record.FacilityId, cancellationToken).ConfigureAwait(false);
        if (!actor.HasAnyRoleFor([Roles.Inspector, Roles.DataProtectionOfficer, Roles.CentralAdministration], record.FacilityId, facility?.RegionId))
        {
            return null;
        }

        return await audit.ReadVerifiedAsync(caseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The case and the tiers the actor may read of it; null when it does not exist or they may read nothing.</summary>
    private async Task<(CaseRecord Record, IReadOnlySet<DataTier> Tiers)?> AccessAsync(string caseId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var facility = await directory.FindFacilityAsync(record.FacilityId, cancellationToken).ConfigureAwait(false);
        var tiers = CaseAccessPolicy.ReadableTiers(actor, record, facility);
        return tiers.Count == 0 ? null : (record, tiers);
    }

    private Task<AuditEntry> AuditSensitiveReadAsync(string caseId, Actor actor, string tiers, (string Kind, string Id)? what, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditRecord
            {
                CaseId = caseId,
                ActorId = actor.UserId,
                Role = actor.PrimaryRole,
                Action = AuditActions.SensitiveRead,
                Reason = tiers,
                Ids = what is { } located ? new Dictionary<string, string> { [located.Kind] = located.Id } : new Dictionary<string, string>(),
            },
            cancellationToken);
}
