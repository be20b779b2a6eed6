using System.Text.Json;

namespace Workflows.Functions.Ui;

/// <summary>Reads the step of a workflow's custom status (<see cref="WorkflowStatus"/>: ids and roles only).</summary>
public static class CustomStatus
{
    /// <summary>The step named in the custom status, or null.</summary>
    public static string? StepOf(string? customStatus) => Read(customStatus)?.Step;

    /// <summary>The custom status as the domain writes it, or null when absent or of another shape.</summary>
    public static WorkflowStatus? Read(string? customStatus)
    {
        if (string.IsNullOrWhiteSpace(customStatus))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowStatus>(customStatus, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Pretty-printed JSON for display (as text).</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
