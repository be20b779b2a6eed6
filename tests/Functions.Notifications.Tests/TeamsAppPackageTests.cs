using System.Buffers.Binary;
using System.Text.Json;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The Teams app package sources under functions/teams.</summary>
public sealed class TeamsAppPackageTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "functions", "teams");

    [Fact]
    public void The_manifest_takes_the_bot_id_and_public_address_from_settings()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var root = manifest.RootElement;

        Assert.Equal("${{BOT_ID}}", root.GetProperty("id").GetString());
        var bot = Assert.Single(root.GetProperty("bots").EnumerateArray());
        Assert.Equal("${{BOT_ID}}", bot.GetProperty("botId").GetString());
        Assert.Equal(["personal"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["${{PUBLIC_HOST}}"], root.GetProperty("validDomains").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void The_icons_have_the_sizes_teams_requires(string file, int size)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));

        Assert.Equal((size, size), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
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
