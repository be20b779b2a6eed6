using System.Globalization;
using Workflows.Engine;
using Workflows.PreRelease;
using Workflows.Referrals;

namespace Workflows.Repatriation;

/// <summary>
/// An imprisoned returnee continues in workflow 1 (referral, from intake screening) and workflow 3
/// (pre-release planning, when the release date is known). Idempotent: the requests carry client
/// request ids derived from the household case and the member.
/// </summary>
[ActivityName(Name)]
public sealed class StartFollowOnWorkflowsActivity(ReferralService referrals, PreReleaseService preRelease, TimeProvider time) : Activity<FollowOnInput, IReadOnlyList<string>>
{
    public const string Name = "Repatriation.StartFollowOn";

    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, FollowOnInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var actor = new Actor("system", [new RoleGrant(Roles.ReferringOfficer, ScopeLevel.Facility, input.PrisonId), new RoleGrant(Roles.SocialWorker, ScopeLevel.Facility, input.PrisonId)]);
        var started = new List<string>();
        var referral = await referrals.StartReferralAsync(
            new ReferralRequest
            {
                PrisonerId = input.MemberRef,
                FacilityId = input.PrisonId,
                Trigger = "intakeScreening",
                ReasonCodes = ["intake-screening-indicator"],
                EvidenceNarrative = $"Returnee from repatriation case {input.Household.Reference}, prosecuted and imprisoned; intake screening by the repatriation workflow.",
                DateOfBirth = new DateOnly(1990, 1, 1),
                DateOfBirthEstimated = true,
                ClientRequestId = $"{input.Household.CaseId}:{input.MemberRef}:referral",
            },
            actor,
            context.CancellationToken).ConfigureAwait(false);
        if (referral.InstanceId is { } r)
        {
            started.Add(r);
        }

        if (input.ReleaseDate is { } text && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var release) && release > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            var plan = await preRelease.StartPlanningAsync(
                new PreReleaseRequest { PrisonerId = input.MemberRef, FacilityId = input.PrisonId, ReleaseDate = release, RiskLevel = "Medium", ReferralCaseId = referral.CaseId, ClientRequestId = $"{input.Household.CaseId}:{input.MemberRef}:prerelease" },
                actor,
                context.CancellationToken).ConfigureAwait(false);
            if (plan.InstanceId is { } p)
            {
                started.Add(p);
            }
        }

        return started;
    }
}
