using System.Security.Cryptography;
using System.Text;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Policies;

namespace Workflows;

/// <summary>
/// What every intake does once its request is valid: a case reference, the case record with its tiered
/// sections, the audit entries, and the orchestration started with tags and an instance id derived from
/// the reference (so a repeated request starts nothing new).
/// </summary>
public sealed class IntakeSupport(ICaseStore cases, IDocumentStore documents, IAuditLog audit, IPersonDirectory directory, IPolicyProvider policies, OrchestrationClient client, TimeProvider time)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public IPersonDirectory Directory => directory;

    public IPolicyProvider Policies => policies;

    public TimeProvider Time => time;

    public Task<Facility?> FindFacilityAsync(string? facilityId, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(facilityId) ? Task.FromResult<Facility?>(null) : directory.FindFacilityAsync(facilityId, cancellationToken);

    public static string InstanceIdFor(string workflow, string reference) => $"{workflow}-{reference}";

    public static string CaseIdFor(string reference) => "case-" + reference.ToLowerInvariant();

    public async Task<IntakeResult> StartAsync(IntakePlan plan, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        var facility = await directory.FindFacilityAsync(plan.FacilityId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Validate the facility before starting an intake.");
        var now = time.GetUtcNow();
        var reference = NewReference(plan, actor, now);
        var caseId = CaseIdFor(reference);
        var instanceId = InstanceIdFor(plan.Workflow, reference);
        var policy = policies.Resolve(plan.Workflow, facility.Country, facility.Id);
        var context = new CaseContext(caseId, reference, instanceId, facility.Id, facility.RegionId, facility.Country, actor.UserId, policy, now);
        var record = new CaseRecord
        {
            CaseId = caseId,
            Reference = reference,
            Workflow = plan.Workflow,
            FacilityId = facility.Id,
            RegionId = facility.RegionId,
            Country = facility.Country,
            SubjectId = plan.SubjectId,
            SubjectLanguage = plan.SubjectLanguage,
            RequesterId = actor.UserId,
            CreatedAt = now,
            IsJuvenile = plan.IsJuvenile,
            Confidential = plan.Confidential,
            ExcludedStaffIds = plan.ExcludedStaffIds,
            Participants = [new CaseParticipant(actor.UserId, Roles.Requester), .. plan.Participants],
            LinkedCaseIds = plan.LinkedCaseIds,
        };
        if (await cases.CreateAsync(record, cancellationToken).ConfigureAwait(false))
        {
            foreach (var section in plan.Sections)
            {
                await cases.WriteSectionAsync(caseId, section with { UpdatedAt = now, UpdatedBy = actor.UserId }, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < plan.Attachments.Count; i++)
            {
                var attachment = plan.Attachments[i];
                var documentId = $"doc-{i + 1}";
                await documents.PutAsync(caseId, documentId, attachment.Tier, attachment.ContentType, attachment.Content, cancellationToken).ConfigureAwait(false);
                await cases.AddDocumentAsync(caseId, new DocumentRef(documentId, attachment.Tier, attachment.ContentType, now, actor.UserId), cancellationToken).ConfigureAwait(false);
            }

            await audit.AppendAsync(Entry(caseId, actor, AuditActions.CaseCreated, plan.Workflow, instanceId), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await client.ScheduleNewOrchestrationAsync(
                plan.OrchestrationName,
                plan.BuildInput(context),
                new StartOrchestrationOptions
                {
                    InstanceId = instanceId,
                    Tags = new Dictionary<string, string>
                    {
                        [WorkflowNames.CaseTag] = caseId,
                        [WorkflowNames.WorkflowTag] = plan.Workflow,
                        [WorkflowNames.FacilityTag] = facility.Id,
                    },
                    DedupeStatuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
                        OrchestrationRuntimeStatus.ContinuedAsNew, OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
                },
                cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(Entry(caseId, actor, AuditActions.WorkflowStarted, plan.OrchestrationName, instanceId) with { IdempotencyKey = "start:" + instanceId }, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationException ex) when (ex.ErrorCode == OrchestrationErrorCode.InstanceAlreadyExists)
        {
            // The same request again: the workflow already runs.
        }

        return new IntakeResult(IntakeStatus.Started, instanceId, caseId, reference);
    }

    private static AuditRecord Entry(string caseId, Actor actor, string action, string reason, string instanceId) => new()
    {
        CaseId = caseId,
        ActorId = actor.UserId,
        Role = actor.PrimaryRole,
        Action = action,
        Reason = reason,
        Ids = new Dictionary<string, string> { ["instanceId"] = instanceId },
    };

    private static string NewReference(IntakePlan plan, Actor actor, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (plan.ClientRequestId is { } requestId)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes($"{plan.Workflow}|{actor.UserId}|{requestId}")).AsSpan(0, 8).CopyTo(bytes);
        }
        else
        {
            RandomNumberGenerator.Fill(bytes);
        }

        var code = new StringBuilder(8);
        foreach (var b in bytes)
        {
            code.Append(Alphabet[b % Alphabet.Length]);
        }

        return $"{plan.ReferencePrefix}-{now.Year}-{code}";
    }
}
