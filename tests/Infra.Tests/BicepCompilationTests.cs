using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>Every .bicep file compiles and passes the linter (infra/bicepconfig.json) cleanly.</summary>
public sealed class BicepCompilationTests(InfraFixture fixture)
{
    [Fact]
    public async Task BicepCli_IsTheVersionFromThePackage()
    {
        InfraFixture.RequireSupportedPlatform();

        var result = await BicepCli.RunAsync(["--version"], RepositoryPaths.Infra);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("0.49.2", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryFile_SucceedsWithoutErrorsOrWarnings()
    {
        var report = fixture.BuildReport;

        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.Describe());
        Assert.Equal(RepositoryPaths.BicepFiles.Count, report.Documents);
        Assert.Empty(report.Diagnostics.Where(d => d.IsErrorOrWarning).Select(d => d.ToString()));
    }

    [Fact]
    public void Build_EveryFile_WritesATemplate()
    {
        foreach (var file in RepositoryPaths.BicepFiles)
        {
            Assert.NotNull(fixture.CompiledTemplate(file)["$schema"]);
        }
    }

    [Fact]
    public void Lint_EveryFile_ReportsNothing()
    {
        var report = fixture.LintReport;

        Assert.True(fixture.Lint.ExitCode == 0, fixture.Lint.Describe());
        Assert.Equal(RepositoryPaths.BicepFiles.Count, report.Documents);
        Assert.Empty(report.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Modules_AreAllLocal()
    {
        // Registry (br:, br/public:) and template spec (ts:) modules cannot be restored in CI.
        foreach (var file in RepositoryPaths.BicepFiles)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, file));
            Assert.DoesNotMatch(@"(?m)^\s*(module\s+\w+|import\s.*from)\s+'(br|ts)[:/]", text);
        }
    }
}
