using System.Reflection;

namespace Workflows.Infra.Tests.Support;

/// <summary>Where the repository and the Bicep CLI are, as recorded by the build (AssemblyMetadata).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string MainBicep { get; } = Path.Combine(Infra, "main.bicep");

    public static string BicepExecutable { get; } = Metadata("BicepPath");

    /// <summary>Every .bicep file under infra/, as paths relative to infra/ with forward slashes.</summary>
    public static IReadOnlyList<string> BicepFiles { get; } =
        [.. Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Infra, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; build the test project with dotnet build.");
}
