using Workflows.Storage;

namespace Workflows;

/// <summary>Settings of the programme workflows (section <c>Workflows</c>).</summary>
public sealed class ProgrammeWorkflowsOptions
{
    /// <summary>Policy files merged, in order, over the embedded default policy (deployment and country overrides).</summary>
    public IList<string> PolicyFiles { get; } = [];

    /// <summary>A directory JSON file; null for the embedded development directory.</summary>
    public string? DirectoryFile { get; set; }

    public WorkflowStorageOptions Storage { get; set; } = new();
}
