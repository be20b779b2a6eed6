namespace Workflows.Storage;

/// <summary>
/// Where the domain keeps tasks, cases, documents and audit (settings section <c>Workflows:Storage</c>).
/// The Azure stores take <c>TableServiceClient</c>/<c>BlobServiceClient</c> from DI.
/// </summary>
public sealed class WorkflowStorageOptions
{
    /// <summary>True for the in-memory twins (tests, quick local runs); false for Azure Tables and Blobs.</summary>
    public bool UseInMemory { get; set; } = true;

    /// <summary>Prefix of every table name (letters and digits; tables are <c>{prefix}Tasks</c>, <c>{prefix}Audit</c>...).</summary>
    public string TablePrefix { get; set; } = "wf";

    /// <summary>Prefix of the blob container (<c>{prefix}-documents</c>; lower case).</summary>
    public string ContainerPrefix { get; set; } = "wf";

    public string TableName(string suffix) => TablePrefix + suffix;

    public string ContainerName(string suffix) => $"{ContainerPrefix.ToLowerInvariant()}-{suffix}";
}
