using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Approvals;
using Workflows.People;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.People;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The Graph directory through the real Graph SDK client over a fake Graph.</summary>
public sealed class GraphDirectoryTests : IDisposable
{
    private const string Graph = "graph.microsoft.com/v1.0/";
    private const string Coordinator = "11111111-1111-4111-8111-111111111111";
    private const string Manager = "22222222-2222-4222-8222-222222222222";
    private const string Disabled = "33333333-3333-4333-8333-333333333333";
    private const string WomanCoordinator = "55555555-5555-4555-8555-555555555555";
    private const string CoordinatorsGroup = "aaaaaaaa-0000-4000-8000-00000000000a";
    private const string DirectorsGroup = "bbbbbbbb-0000-4000-8000-00000000000b";
    private const string WomenStaffGroup = "dddddddd-0000-4000-8000-00000000000d";
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly FakeHttpHandler _graph = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly string _facilitiesFile = Path.Combine(Path.GetTempPath(), $"facilities-{Guid.NewGuid():N}.json");
    private readonly ServiceProvider _services;

    public GraphDirectoryTests()
    {
        _graph
            .On(HttpMethod.Get, Graph + $"users/{Coordinator}/transitiveMemberOf", HttpStatusCode.OK, $"{{\"value\":[{{\"id\":\"{CoordinatorsGroup}\"}},{{\"id\":\"cccccccc-0000-4000-8000-00000000000c\"}}]}}")
            .On(HttpMethod.Get, Graph + $"users/{Coordinator}/manager", HttpStatusCode.OK, $"{{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"{Manager}\"}}")
            .On(HttpMethod.Get, Graph + $"users/{Coordinator}", HttpStatusCode.OK, $"{{\"id\":\"{Coordinator}\",\"displayName\":\"Chloé Coordinator\",\"mail\":null,\"userPrincipalName\":\"chloe@prisons.test\",\"preferredLanguage\":\"fr-FR\",\"accountEnabled\":true}}")
            .On(HttpMethod.Get, Graph + $"users/{Manager}/transitiveMemberOf", HttpStatusCode.OK, $"{{\"value\":[{{\"id\":\"{DirectorsGroup}\"}}]}}")
            .On(HttpMethod.Get, Graph + $"users/{Manager}/manager", HttpStatusCode.NotFound, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"none\"}}")
            .On(HttpMethod.Get, Graph + $"users/{Manager}", HttpStatusCode.OK, $"{{\"id\":\"{Manager}\",\"displayName\":\"Murat Manager\",\"mail\":\"murat@prisons.test\",\"preferredLanguage\":\"kk-KZ\",\"accountEnabled\":true}}")
            .On(HttpMethod.Get, Graph + $"users/{WomanCoordinator}/transitiveMemberOf", HttpStatusCode.OK, $"{{\"value\":[{{\"id\":\"{CoordinatorsGroup}\"}},{{\"id\":\"{WomenStaffGroup}\"}}]}}")
            .On(HttpMethod.Get, Graph + $"users/{WomanCoordinator}/manager", HttpStatusCode.NotFound, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"none\"}}")
            .On(HttpMethod.Get, Graph + $"users/{WomanCoordinator}", HttpStatusCode.OK, $"{{\"id\":\"{WomanCoordinator}\",\"displayName\":\"Aigerim Coordinator\",\"mail\":\"aigerim@prisons.test\",\"accountEnabled\":true}}")
            .On(HttpMethod.Get, Graph + $"users/{Disabled}", HttpStatusCode.OK, $"{{\"id\":\"{Disabled}\",\"displayName\":\"Gone\",\"accountEnabled\":false}}")
            .On(HttpMethod.Get, Graph + "users/44444444", HttpStatusCode.NotFound, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"none\"}}")
            .On(HttpMethod.Get, Graph + $"groups/{CoordinatorsGroup}/transitiveMembers", HttpStatusCode.OK, $"{{\"value\":[{{\"id\":\"{Coordinator}\"}},{{\"id\":\"{WomanCoordinator}\"}},{{\"id\":\"{Disabled}\"}}]}}")
            .On(HttpMethod.Get, Graph + "users", HttpStatusCode.OK, $"{{\"value\":[{{\"id\":\"{Coordinator}\"}}]}}");
        var settings = NotificationServices.Settings();
        settings["Workflows:DefaultLanguage"] = "ru";
        settings["Workflows:Directory:Source"] = "Graph";
        settings["Workflows:Directory:GroupRoles:0:GroupId"] = CoordinatorsGroup;
        settings["Workflows:Directory:GroupRoles:0:Role"] = Roles.ProgrammeCoordinator;
        settings["Workflows:Directory:GroupRoles:0:Level"] = "Facility";
        settings["Workflows:Directory:GroupRoles:0:ScopeId"] = "almaty";
        settings["Workflows:Directory:GroupRoles:1:GroupId"] = DirectorsGroup;
        settings["Workflows:Directory:GroupRoles:1:Role"] = Roles.PrisonDirector;
        settings["Workflows:Directory:GroupRoles:1:Level"] = "Region";
        settings["Workflows:Directory:GroupRoles:1:ScopeId"] = "south";
        settings["Workflows:Directory:WomenStaffGroupId"] = WomenStaffGroup;
        File.WriteAllText(_facilitiesFile, JsonSerializer.Serialize(Staff.Document, FileJson));
        settings["Workflows:Directory:FacilitiesFile"] = _facilitiesFile;
        settings["Workflows:Directory:CacheLifetime"] = "00:05:00";
        var services = NotificationServices.Create(settings);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddKeyedSingleton<TokenCredential>(NotificationsServiceCollectionExtensions.GraphCredentialKey, new StaticCredential());
        services.AddHttpClient(NotificationsServiceCollectionExtensions.GraphHttpClientName).ConfigurePrimaryHttpMessageHandler(() => _graph);
        _services = services.BuildServiceProvider();
    }

    private IPersonDirectory Directory => _services.GetRequiredService<IPersonDirectory>();

    [Fact]
    public void The_graph_directory_replaces_the_json_one() => Assert.IsType<GraphPersonDirectory>(Directory);

    [Fact]
    public async Task A_user_becomes_a_person_with_roles_from_groups_language_and_manager()
    {
        var person = await Directory.FindAsync(Coordinator);

        Assert.Equal(("Chloé Coordinator", "chloe@prisons.test", "fr", Manager), (person!.DisplayName, person.Email, person.Language, person.ManagerId));
        Assert.Equal([new RoleGrant(Roles.ProgrammeCoordinator, ScopeLevel.Facility, "almaty")], person.Roles);
    }

    [Fact]
    public async Task An_unsupported_preferred_language_falls_back_to_the_deployment_default()
    {
        var manager = await Directory.FindAsync(Manager);

        Assert.Equal(("ru", (string?)null), (manager!.Language, manager.ManagerId));
        Assert.Equal([new RoleGrant(Roles.PrisonDirector, ScopeLevel.Region, "south")], manager.Roles);
    }

    [Fact]
    public async Task Unknown_and_disabled_users_are_not_people()
    {
        Assert.Null(await Directory.FindAsync("44444444-4444-4444-8444-444444444444"));
        Assert.Null(await Directory.FindAsync(Disabled));
        Assert.Null(await Directory.FindAsync("p-not-an-object-id"));
    }

    [Fact]
    public async Task Role_holders_are_the_enabled_members_of_the_mapped_groups()
    {
        var holders = await Directory.FindRoleHoldersAsync(Roles.ProgrammeCoordinator, ScopeLevel.Facility, "almaty");

        Assert.Equal([Coordinator, WomanCoordinator], holders.Select(p => p.Id));
        Assert.Empty(await Directory.FindRoleHoldersAsync(Roles.ProgrammeCoordinator, ScopeLevel.Facility, "elsewhere"));
    }

    [Fact]
    public async Task A_member_of_the_women_staff_group_is_a_woman_and_a_non_member_has_no_gender()
    {
        var woman = await Directory.FindAsync(WomanCoordinator);
        var other = await Directory.FindAsync(Coordinator);

        Assert.Equal((ApproverResolver.Women, (string?)null), (woman!.Gender, other!.Gender));
    }

    [Fact]
    public async Task A_women_only_task_is_given_to_the_member_of_the_women_staff_group_only()
    {
        var picked = await new ApproverResolver(Directory).ResolveAsync(Roles.ProgrammeCoordinator, ScopeLevel.Facility, "almaty", "south", null, [], ApproverResolver.Women);

        Assert.Equal([WomanCoordinator], picked.Select(p => p.Id));
    }

    [Fact]
    public async Task Answers_are_cached()
    {
        await Directory.FindAsync(Coordinator);
        var calls = _graph.Requests.Count;

        await Directory.FindAsync(Coordinator);

        Assert.Equal(calls, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_cached_answer_is_used_until_the_cache_lifetime_ends_then_read_again()
    {
        await Directory.FindAsync(Coordinator);
        var reads = UserReads();

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await Directory.FindAsync(Coordinator);
        var readsWithinLifetime = UserReads();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Directory.FindAsync(Coordinator);

        Assert.Equal((1, 1, 2), (reads, readsWithinLifetime, UserReads()));
    }

    [Fact]
    public async Task A_person_is_found_by_email_with_a_quoted_filter()
    {
        var person = await Directory.FindByEmailAsync("chloe@prisons.test");

        Assert.Equal(Coordinator, person!.Id);
        var query = Uri.UnescapeDataString(_graph.Requests.First(r => r.Target == Graph + "users").Uri.Query);
        Assert.Contains("mail eq 'chloe@prisons.test' or userPrincipalName eq 'chloe@prisons.test'", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facilities_come_from_the_configured_json_directory_file()
    {
        var facility = await Directory.FindFacilityAsync("almaty");

        Assert.Equal(("Almaty prison", "south"), (facility!.Name, facility.RegionId));
    }

    private int UserReads() => _graph.Requests.Count(r => r.Target == Graph + $"users/{Coordinator}");

    public void Dispose()
    {
        _services.Dispose();
        _graph.Dispose();
        File.Delete(_facilitiesFile);
    }
}
