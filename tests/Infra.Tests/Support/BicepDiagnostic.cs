using System.Text;
using System.Text.Json;

namespace Workflows.Infra.Tests.Support;

/// <summary>One diagnostic reported by the Bicep CLI (compiler or linter).</summary>
public sealed record BicepDiagnostic(string File, int Line, string Level, string RuleId, string Message)
{
    public bool IsErrorOrWarning => Level is "error" or "warning";

    public override string ToString() => $"{File}({Line}): {Level} {RuleId}: {Message}";

    /// <summary>
    /// Reads the SARIF documents the CLI prints for `--diagnostics-format sarif` (one document per file
    /// when it is given a pattern, written one after the other). A result without a level is a
    /// warning, as SARIF defines.
    /// </summary>
    public static SarifReport ParseSarif(string text)
    {
        var documents = 0;
        var diagnostics = new List<BicepDiagnostic>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                documents++;
                foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
                {
                    diagnostics.AddRange(run.GetProperty("results").EnumerateArray().Select(ToDiagnostic));
                }
            }
        }

        return new SarifReport(documents, diagnostics);
    }

    private static BicepDiagnostic ToDiagnostic(JsonElement result)
    {
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var file = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
        return new BicepDiagnostic(
            Path.GetRelativePath(RepositoryPaths.Infra, file).Replace('\\', '/'),
            location.GetProperty("region").GetProperty("startLine").GetInt32(),
            result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
            result.GetProperty("ruleId").GetString()!,
            result.GetProperty("message").GetProperty("text").GetString()!);
    }
}

/// <summary>The diagnostics of one CLI run and how many SARIF documents (files) it reported on.</summary>
public sealed record SarifReport(int Documents, IReadOnlyList<BicepDiagnostic> Diagnostics);
