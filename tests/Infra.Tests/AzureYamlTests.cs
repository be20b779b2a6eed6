using Workflows.Infra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Workflows.Infra.Tests;

/// <summary>azure.yaml: one containerapp service for the host, built from ./functions, and the hooks.</summary>
public sealed class AzureYamlTests
{
    private static readonly YamlMappingNode Project = Load();

    [Fact]
    public void Services_AreOnlyTheFunctionsHost()
    {
        var services = Mapping(Project, "services");

        Assert.Equal(["functions"], services.Children.Keys.Select(key => key.ToString()));
    }

    [Fact]
    public void FunctionsService_IsADotnetContainerApp()
    {
        var service = Mapping(Mapping(Project, "services"), "functions");

        Assert.Equal("containerapp", Scalar(service, "host"));
        Assert.Equal("dotnet", Scalar(service, "language"));
        Assert.False(service.Children.ContainsKey("docker"), "the image is built by the .NET SDK, not from a Dockerfile");
    }

    [Fact]
    public void FunctionsService_ProjectIsTheHostProject()
    {
        var project = Scalar(Mapping(Mapping(Project, "services"), "functions"), "project");
        var directory = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, project));

        Assert.True(Directory.Exists(directory), $"{project} does not exist");
        Assert.True(File.Exists(Path.Combine(directory, "Workflows.Functions.csproj")));
    }

    [Fact]
    public void Infra_IsTheBicepMainModule()
    {
        var infra = Mapping(Project, "infra");

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, Scalar(infra, "path"), $"{Scalar(infra, "module")}.bicep")));
    }

    [Theory]
    [InlineData("postprovision")]
    [InlineData("postdeploy")]
    public void Hooks_RunScriptsThatExist_OnEveryPlatform(string hook)
    {
        var definition = Mapping(Mapping(Project, "hooks"), hook);
        var posix = Path.Combine(RepositoryPaths.Root, Scalar(Mapping(definition, "posix"), "run"));
        var windows = Path.Combine(RepositoryPaths.Root, Scalar(Mapping(definition, "windows"), "run"));

        Assert.True(File.Exists(posix), posix);
        Assert.True(File.Exists(windows), windows);
        Assert.Equal("sh", Scalar(Mapping(definition, "posix"), "shell"));
        Assert.Equal("pwsh", Scalar(Mapping(definition, "windows"), "shell"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(posix).HasFlag(UnixFileMode.UserExecute), $"{posix} is not executable");
        }
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "azure.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode mapping
            ? mapping
            : throw new KeyNotFoundException($"azure.yaml has no mapping '{key}'.");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw new KeyNotFoundException($"azure.yaml has no value '{key}'.");
}
