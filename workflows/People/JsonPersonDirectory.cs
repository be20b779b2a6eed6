using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.People;

/// <summary>A directory read from a JSON file (or the embedded development seed).</summary>
public sealed class JsonPersonDirectory : IPersonDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] Languages = ["en", "fr", "es", "ru", "ar", "zh"];

    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, Person> _byEmail;
    private readonly Dictionary<string, Facility> _facilities;

    public JsonPersonDirectory(DirectoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var person in document.People)
        {
            if (!_people.TryAdd(person.Id, person))
            {
                throw new InvalidOperationException($"The directory lists person id '{person.Id}' twice.");
            }

            if (!Languages.Contains(person.Language))
            {
                throw new InvalidOperationException($"Person '{person.Id}' has language '{person.Language}'; use one of {string.Join(", ", Languages)}.");
            }

            foreach (var grant in person.Roles.Where(g => !Roles.All.Contains(g.Role)))
            {
                throw new InvalidOperationException($"Person '{person.Id}' holds unknown role '{grant.Role}'.");
            }
        }

        _byEmail = _people.Values.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
        _facilities = document.Facilities.ToDictionary(f => f.Id, StringComparer.Ordinal);
        Organisations = document.Organisations;
    }

    public IReadOnlyList<Organisation> Organisations { get; }

    /// <summary>The embedded development directory: fictional people covering every role.</summary>
    public static JsonPersonDirectory LoadDevelopmentSeed()
    {
        using var stream = typeof(JsonPersonDirectory).Assembly.GetManifestResourceStream("Workflows.People.dev-directory.json")
            ?? throw new InvalidOperationException("The embedded development directory is missing.");
        return new JsonPersonDirectory(JsonSerializer.Deserialize<DirectoryDocument>(stream, Json)!);
    }

    /// <summary>Loads a directory file.</summary>
    public static JsonPersonDirectory LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new JsonPersonDirectory(JsonSerializer.Deserialize<DirectoryDocument>(stream, Json)
            ?? throw new InvalidOperationException($"Directory file '{path}' is empty."));
    }

    public Task<Person?> FindAsync(string personId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_people.GetValueOrDefault(personId));

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byEmail.GetValueOrDefault(email));

    public Task<IReadOnlyList<Person>> FindRoleHoldersAsync(string role, ScopeLevel level, string scopeId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person>>(_people.Values
            .Where(p => p.Roles.Any(g => g.Role == role && g.Level == level && g.ScopeId == scopeId))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList());

    public Task<Facility?> FindFacilityAsync(string facilityId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_facilities.GetValueOrDefault(facilityId));

    public Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person>>(_people.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
}
