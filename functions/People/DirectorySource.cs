namespace Workflows.Functions.People;

/// <summary>Where people come from (<c>Workflows:Directory:Source</c>).</summary>
public enum DirectorySource
{
    /// <summary>The JSON directory (the embedded development seed or a file): the development default.</summary>
    Json,

    /// <summary>Microsoft Graph: Entra users, with roles from group membership.</summary>
    Graph,
}
