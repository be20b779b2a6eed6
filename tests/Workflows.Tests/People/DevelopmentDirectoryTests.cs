using Workflows.People;

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
}
