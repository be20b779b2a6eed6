using System.Globalization;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.PreRelease;
using Workflows.Referrals;

namespace Workflows.Repatriation;

/// <summary>
/// An imprisoned returnee continues in workflow 1 (referral, from intake screening) and workflow 3
/// (pre-release planning). Only real data is used: the prison, release date and risk level the
/// prosecutor's decision recorded, the date of birth and sex from the household's identity tier. A fact
/// that is missing keeps its workflow from starting and is named in the result — nothing is invented.
/// Idempotent: the requests carry client request ids derived from the household case and the member.
/// </summary>
[ActivityName(Name)]
public sealed class StartFollowOnWorkflowsActivity(ReferralService referrals, PreReleaseService preRelease, ICaseStore cases, TimeProvider time) : Activity<FollowOnInput, FollowOnResult>
{
    public const string Name = "Repatriation.StartFollowOn";

    private static readonly string[] RiskLevels = ["Low", "Medium", "High"];

    public override async Task<FollowOnResult> RunAsync(TaskActivityContext context, FollowOnInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var missing = new List<string>();
        var identity = HouseholdIdentity.Find(await cases.ReadSectionsAsync(input.Household.CaseId, context.CancellationToken).ConfigureAwait(false), input.MemberRef);
        if (string.IsNullOrWhiteSpace(input.PrisonId))
        {
            return new FollowOnResult(null, null, ["prisonId"]);
        }

        var actor = new Actor("system", [new RoleGrant(Roles.ReferringOfficer, ScopeLevel.Facility, input.PrisonId), new RoleGrant(Roles.SocialWorker, ScopeLevel.Facility, input.PrisonId)]);
        string? referralCaseId = null;
        if (identity?.DateOfBirth is not { } dateOfBirth)
        {
            missing.Add("dateOfBirth");
        }
        else
        {
            var referral = await referrals.StartReferralAsync(
                new ReferralRequest
                {
                    PrisonerId = input.MemberRef,
                    FacilityId = input.PrisonId,
                    Trigger = "intakeScreening",
                    ReasonCodes = ["intake-screening-indicator"],
                    EvidenceNarrative = $"Returnee from repatriation case {input.Household.Reference}, prosecuted and imprisoned; intake screening by the repatriation workflow.",
                    DateOfBirth = dateOfBirth,
                    DateOfBirthEstimated = identity.DateOfBirthEstimated,
                    Sex = identity.Sex,
                    ClientRequestId = $"{input.Household.CaseId}:{input.MemberRef}:referral",
                },
                actor,
                context.CancellationToken).ConfigureAwait(false);
            referralCaseId = referral.CaseId;
            missing.AddRange(referral.Errors?.Select(e => e.Field) ?? []);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParse(input.ReleaseDate, CultureInfo.InvariantCulture, out var release) || release <= today)
        {
            missing.Add("releaseDate");
        }

        if (input.RiskLevel is null || !RiskLevels.Contains(input.RiskLevel))
        {
            missing.Add("riskLevel");
        }

        string? planCaseId = null;
        if (!missing.Contains("releaseDate") && !missing.Contains("riskLevel"))
        {
            var plan = await preRelease.StartPlanningAsync(
                new PreReleaseRequest { PrisonerId = input.MemberRef, FacilityId = input.PrisonId, ReleaseDate = release, RiskLevel = input.RiskLevel, Sex = identity?.Sex, ReferralCaseId = referralCaseId, ClientRequestId = $"{input.Household.CaseId}:{input.MemberRef}:prerelease" },
                actor,
                context.CancellationToken).ConfigureAwait(false);
            planCaseId = plan.CaseId;
            missing.AddRange(plan.Errors?.Select(e => e.Field) ?? []);
        }

        return new FollowOnResult(referralCaseId, planCaseId, missing.Distinct().ToList());
    }
}
