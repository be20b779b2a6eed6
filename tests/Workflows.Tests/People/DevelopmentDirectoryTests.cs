using Workflows.Approvals;
using Workflows.People;
using Workflows.Policies;

namespace Workflows.Tests.Directory;

public sealed class DevelopmentDirectoryTests
{
    private readonly JsonPersonDirectory _directory = JsonPersonDirectory.LoadDevelopmentSeed();

    [Fact]
    public async Task Seed_CoversEveryRole()
    {
        var people = await _directory.ListPeopleAsync();
        var held = people.SelectMany(p => p.Roles).Select(r => r.Role).ToHashSet();
        Assert.All(Roles.All.Where(r => r != Roles.Requester), r => Assert.Contains(r, held));
    }

    [Fact]
    public async Task Seed_HasStableDevelopmentEmails()
    {
        var coordinator = await _directory.FindByEmailAsync("coordinator.almaty@dev.workflows.local");
        Assert.NotNull(coordinator);
        Assert.Equal("coordinator.almaty", coordinator.Id);
        Assert.Contains(coordinator.Roles, r => r is { Role: Roles.ProgrammeCoordinator, Level: ScopeLevel.Facility, ScopeId: "almaty" });
    }

    [Theory]
    [InlineData("almaty", FacilityKind.MenPrison)]
    [InlineData("kostanay", FacilityKind.WomenPrison)]
    [InlineData("taraz", FacilityKind.JuvenileFacility)]
    [InlineData("aktau", FacilityKind.AdaptationCentre)]
    public async Task Seed_HasEachKindOfFacility(string id, FacilityKind kind)
    {
        Assert.Equal(kind, (await _directory.FindFacilityAsync(id))!.Kind);
    }

    [Fact]
    public async Task FindRoleHolders_ReturnsHoldersAtThatScopeOnly()
    {
        var assessors = await _directory.FindRoleHoldersAsync(Roles.RiskAssessor, ScopeLevel.Facility, "almaty");
        Assert.Equal(3, assessors.Count);
        Assert.All(assessors, a => Assert.EndsWith(".almaty", a.Id, StringComparison.Ordinal));
    }

    /// <summary>Where the seed holds women and girls: the women's prison, the juvenile facility, the adaptation centre.</summary>
    public static TheoryData<string, string> WomenAndGirlsAt => new()
    {
        { WorkflowNames.Referral, "kostanay" },
        { WorkflowNames.Referral, "taraz" },
        { WorkflowNames.PreRelease, "kostanay" },
        { WorkflowNames.PreRelease, "taraz" },
        { WorkflowNames.Repatriation, "aktau" },
    };

    // Safeguard 7 leaves a woman's task unassigned when no woman holds the role: the seed must let every
    // workflow run for women and girls in development, so each women-only step finds enough women.
    [Theory]
    [MemberData(nameof(WomenAndGirlsAt))]
    public async Task Seed_EveryWomenOnlyStep_FindsEnoughWomen(string workflow, string facilityId)
    {
        var facility = (await _directory.FindFacilityAsync(facilityId))!;
        var policy = PolicySet.LoadDefault().Resolve(workflow, facility.Country, facilityId);
        var resolver = new ApproverResolver(_directory);
        var unmet = new List<string>();
        foreach (var (name, step) in policy.Steps.Where(s => s.Value.WomenStaffForWomen))
        {
            foreach (var rule in step.Approvers)
            {
                var women = await resolver.ResolveAsync(rule.Role, rule.Scope, facilityId, facility.RegionId, null, [], ApproverResolver.Women);
                if (women.Count < (rule.Each && step.Quorum is { } quorum ? quorum : 1))
                {
                    unmet.Add($"{name}/{rule.Role}");
                }
            }
        }

        Assert.Empty(unmet);
    }

    [Theory]
    [InlineData("south")]
    [InlineData("north")]
    [InlineData("west")]
    public async Task Seed_EveryRegion_HasAWomanProbationOfficer_ForAWomanResettlingThere(string regionId)
    {
        var women = await new ApproverResolver(_directory).ResolveAsync(Roles.ProbationOfficer, ScopeLevel.Region, "kostanay", regionId, null, [], ApproverResolver.Women);

        Assert.NotEmpty(women);
    }
}
