using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>infra/hooks/postprovision.sh writes a Functions-style local.settings.json for the deployed resources.</summary>
public sealed class PostprovisionHookTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("postprovision-").FullName;

    [Fact]
    public async Task Hook_WritesLocalSettingsForTheDeployedStorage_WithoutSecrets()
    {
        var settings = Path.Combine(_directory, "local.settings.json");

        var result = await RunHookAsync(settings);

        Assert.True(result.ExitCode == 0, result.Describe());
        var json = JsonNode.Parse(await File.ReadAllTextAsync(settings, TestContext.Current.CancellationToken))!;
        Assert.False(json.Bool("IsEncrypted"));
        Assert.Equal(7071, json.Number("Host.LocalHttpPort"));
        var values = json.Get("Values").AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>());
        Assert.Equal("stexample123", values["Workflows__Storage__AccountName"]);
        Assert.Equal("00000000-0000-0000-0000-0000000000bb", values["AZURE_TENANT_ID"]);
        Assert.Equal("casework", values["Workflows__Storage__TaskHub"][..^"local".Length]);
        Assert.EndsWith("local", values["Workflows__Storage__TaskHub"], StringComparison.Ordinal);
        Assert.Equal("6", values["Workflows__Engine__PartitionCount"]);
        Assert.Equal("Outbox", values["Workflows__Notifications__Channel"]);
        Assert.DoesNotContain(values.Keys, key => key.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || key.Contains("SigningKey", StringComparison.OrdinalIgnoreCase)
            || key.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Hook_OutsideAzd_FailsAndSaysWhy()
    {
        var settings = Path.Combine(_directory, "local.settings.json");

        var result = await RunHookAsync(settings, storageAccount: null);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("run this through azd", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(settings));
    }

    [Fact]
    public void LocalSettings_IsIgnoredByGit()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")).Select(line => line.Trim());

        Assert.Contains("local.settings.json", ignored);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<ProcessResult> RunHookAsync(string settingsPath, string? storageAccount = "stexample123")
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The posix hook runs under bash.");
        return ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(RepositoryPaths.Infra, "hooks", "postprovision.sh")],
            RepositoryPaths.Root,
            new Dictionary<string, string?>
            {
                ["WORKFLOWS_LOCAL_SETTINGS_PATH"] = settingsPath,
                ["AZURE_STORAGE_ACCOUNT_NAME"] = storageAccount,
                ["AZURE_TENANT_ID"] = "00000000-0000-0000-0000-0000000000bb",
                ["WORKFLOWS_TASK_HUB"] = "casework",
                ["WORKFLOWS_PARTITION_COUNT"] = "6",
                // No vault: the signing-key step (which calls Azure) is skipped.
                ["AZURE_KEY_VAULT_NAME"] = null,
            },
            TimeSpan.FromMinutes(1));
    }
}
