using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>
/// The TeamsAppPackage target of functions/teams/TeamsApp.targets, run by <c>dotnet msbuild</c> on the host's
/// project into a temporary folder, as a release pipeline runs it.
/// </summary>
public sealed class TeamsAppPackageTargetTests : IDisposable
{
    private const string BotId = "5d3c2b1a-0f9e-4d8c-b7a6-123456789abc";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "teams-app-" + Guid.NewGuid().ToString("N"));

    private string Output => Path.Combine(_root, "package") + Path.DirectorySeparatorChar;

    private string Package => Path.Combine(Output, "workflows-teams-app.zip");

    [Fact]
    public async Task The_package_holds_the_manifest_with_the_bot_id_and_public_address_filled_in_and_the_icons()
    {
        var run = await RunAsync(("TeamsBotAppId", BotId), ("TeamsPublicBaseUrl", "https://workflows.example.org/prisons/"));

        Assert.True(run.ExitCode == 0, run.Log);
        using var zip = ZipFile.OpenRead(Package);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var bytes = Read(zip, "manifest.json");
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The manifest starts with a byte order mark.");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(text);
        var root = manifest.RootElement;
        Assert.Equal(BotId, root.GetProperty("id").GetString());
        Assert.Equal(BotId, Assert.Single(root.GetProperty("bots").EnumerateArray()).GetProperty("botId").GetString());
        Assert.Equal(("https://workflows.example.org/prisons/", "https://workflows.example.org/prisons/privacy", "https://workflows.example.org/prisons/terms"), (
            root.GetProperty("developer").GetProperty("websiteUrl").GetString(),
            root.GetProperty("developer").GetProperty("privacyUrl").GetString(),
            root.GetProperty("developer").GetProperty("termsOfUseUrl").GetString()));
        Assert.Equal(["workflows.example.org"], root.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal((BotId, "api://botid-" + BotId), (root.GetProperty("webApplicationInfo").GetProperty("id").GetString(), root.GetProperty("webApplicationInfo").GetProperty("resource").GetString()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsFolder, "color.png")), Read(zip, "color.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TeamsFolder, "outline.png")), Read(zip, "outline.png"));
    }

    [Theory]
    [InlineData(BotId, "http://workflows.example.org", "public https address")]
    [InlineData(BotId, "", "public https address")]
    [InlineData("my-bot", "https://workflows.example.org", "is not a GUID")]
    public async Task Settings_a_package_cannot_be_built_from_stop_the_build_and_say_why(string botId, string publicBaseUrl, string why)
    {
        var run = await RunAsync(("TeamsBotAppId", botId), ("TeamsPublicBaseUrl", publicBaseUrl));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(why, run.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(Package));
    }

    [Fact]
    public async Task Without_a_bot_id_the_package_is_skipped_and_the_build_goes_on()
    {
        var run = await RunAsync(("TeamsPublicBaseUrl", "https://workflows.example.org"));

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Contains("Teams app package skipped", run.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(Package));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string TeamsFolder => Path.Combine(RepositoryRoot(), "functions", "teams");

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private async Task<(int ExitCode, string Log)> RunAsync(params (string Name, string Value)[] properties)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var argument in new[]
        {
            "msbuild", Path.Combine(RepositoryRoot(), "functions", "Workflows.Functions.csproj"), "-t:TeamsAppPackage", "-nologo", "-nodeReuse:false", "-v:minimal",
            "-p:TeamsAppOutputDir=" + Output, "-p:TeamsAppStagingDir=" + Path.Combine(_root, "staging") + Path.DirectorySeparatorChar,
        }.Concat(properties.Select(p => $"-p:{p.Name}={p.Value}")))
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment: no MSBuild state of the test run, no deployment settings, no build server left behind.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Workflows__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workflows.sln not found above the test binaries.");
    }
}
