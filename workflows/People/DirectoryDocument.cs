namespace Workflows.People;

/// <summary>The JSON shape of a directory file.</summary>
public sealed record DirectoryDocument
{
    public string? Description { get; init; }

    public IReadOnlyList<Facility> Facilities { get; init; } = [];

    public IReadOnlyList<Organisation> Organisations { get; init; } = [];

    public IReadOnlyList<Person> People { get; init; } = [];
}
