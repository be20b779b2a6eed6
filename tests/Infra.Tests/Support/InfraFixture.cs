using System.Text.Json.Nodes;

namespace Workflows.Infra.Tests.Support;

/// <summary>
/// Runs the Bicep CLI once per test run: builds and lints every .bicep file under infra/ and takes a
/// deployment snapshot of main.bicep for each scenario. The tests then only read the results.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), $"infra-tests-{Guid.NewGuid():N}");
    private readonly Dictionary<string, (ProcessResult Result, DeploymentSnapshot? Snapshot)> _snapshots = [];
    private ProcessResult? _build;
    private ProcessResult? _lint;

    public ProcessResult Build => Require(_build);

    public ProcessResult Lint => Require(_lint);

    /// <summary>Diagnostics of `bicep build` over every file (the SARIF goes to standard error).</summary>
    public SarifReport BuildReport => BicepDiagnostic.ParseSarif(Build.StandardError);

    /// <summary>Diagnostics of `bicep lint` over every file (the SARIF goes to standard output).</summary>
    public SarifReport LintReport => BicepDiagnostic.ParseSarif(Lint.StandardOutput);

    /// <summary>main.bicep compiled to an ARM template.</summary>
    public JsonObject MainTemplate => CompiledTemplate("main.bicep");

    public DeploymentSnapshot Public => Snapshot(SnapshotScenario.Public);

    public DeploymentSnapshot Private => Snapshot(SnapshotScenario.Private);

    public DeploymentSnapshot Snapshot(SnapshotScenario scenario)
    {
        RequireSupportedPlatform();
        var (result, snapshot) = _snapshots[scenario.Name];
        return snapshot ?? throw new InvalidOperationException($"bicep snapshot failed for '{scenario}': {result.Describe()}");
    }

    public JsonObject CompiledTemplate(string bicepFile)
    {
        RequireSupportedPlatform();
        var path = Path.Combine(_workDirectory, "build", Path.ChangeExtension(bicepFile, ".json"));
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"{bicepFile} was not compiled: {Build.Describe()}");
    }

    public async ValueTask InitializeAsync()
    {
        if (!BicepCli.IsSupportedPlatform)
        {
            return;
        }

        Directory.CreateDirectory(_workDirectory);

        // Two at a time: the machine is small and shared.
        using var slots = new SemaphoreSlim(2);
        async Task<T> Limited<T>(Func<Task<T>> work)
        {
            await slots.WaitAsync();
            try
            {
                return await work();
            }
            finally
            {
                slots.Release();
            }
        }

        var build = Limited(() => BicepCli.RunAsync(
            ["build", "--pattern", "**/*.bicep", "--outdir", Path.Combine(_workDirectory, "build"), "--diagnostics-format", "sarif"],
            RepositoryPaths.Infra));
        var lint = Limited(() => BicepCli.RunAsync(
            ["lint", "--pattern", "**/*.bicep", "--diagnostics-format", "sarif"],
            RepositoryPaths.Infra));
        var snapshots = new[] { SnapshotScenario.Public, SnapshotScenario.Private }
            .Select(scenario => Limited(() => TakeSnapshotAsync(scenario)))
            .ToList();

        _build = await build;
        _lint = await lint;
        foreach (var (name, result, snapshot) in await Task.WhenAll(snapshots))
        {
            _snapshots[name] = (result, snapshot);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Skips the calling test where the linux-x64 Bicep CLI cannot run.</summary>
    public static void RequireSupportedPlatform() =>
        Assert.SkipUnless(BicepCli.IsSupportedPlatform, "The infra tests run the linux-x64 Bicep CLI (Azure.Bicep.CommandLine.linux-x64).");

    private async Task<(string Name, ProcessResult Result, DeploymentSnapshot? Snapshot)> TakeSnapshotAsync(SnapshotScenario scenario)
    {
        var directory = Path.Combine(_workDirectory, "snapshots");
        Directory.CreateDirectory(directory);
        var parametersFile = Path.Combine(directory, $"{scenario.Name}.bicepparam");
        await File.WriteAllTextAsync(parametersFile, scenario.ToBicepParam(Path.GetRelativePath(directory, RepositoryPaths.MainBicep)));

        var result = await BicepCli.RunAsync(
            [
                "snapshot", parametersFile, "--mode", "overwrite",
                "--subscription-id", SnapshotScenario.SubscriptionId,
                "--tenant-id", SnapshotScenario.TenantId,
                "--location", SnapshotScenario.Location,
            ],
            directory);
        var output = Path.ChangeExtension(parametersFile, ".snapshot.json");
        var snapshot = result.ExitCode == 0 && File.Exists(output)
            ? new DeploymentSnapshot(JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject())
            : null;
        return (scenario.Name, result, snapshot);
    }

    private static ProcessResult Require(ProcessResult? result)
    {
        RequireSupportedPlatform();
        return result ?? throw new InvalidOperationException("The Bicep CLI did not run.");
    }
}
