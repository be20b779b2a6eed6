namespace Workflows.Functions.Configuration;

/// <summary>
/// The settings the host reads directly, outside an options class (which documents its own section).
/// <c>local.settings.sample.json</c> lists each of them; a test keeps it so.
/// </summary>
public static class HostSettings
{
    /// <summary>The largest request body accepted, in bytes (12 MB by default).</summary>
    public const string MaxRequestBodyBytes = "Workflows:MaxRequestBodyBytes";

    /// <summary>Requests per minute per client address on approval links and sign-in.</summary>
    public const string PublicEntryPerMinute = "Workflows:RateLimits:PublicEntryPerMinute";

    /// <summary>Requests per minute per signed-in person on the API (per address for anonymous calls).</summary>
    public const string ApiPerMinute = "Workflows:RateLimits:ApiPerMinute";

    /// <summary>Requests per minute per client address on the Teams messaging endpoint, before the token check.</summary>
    public const string TeamsPerAddressPerMinute = "Workflows:RateLimits:TeamsPerAddressPerMinute";

    /// <summary>Activities per minute per Teams user (Entra object id) on the messaging endpoint, after the token check.</summary>
    public const string TeamsPerSenderPerMinute = "Workflows:RateLimits:TeamsPerSenderPerMinute";

    /// <summary>Development only: where the development clock keeps its offset (empty: not kept).</summary>
    public const string ClockStateFile = "Workflows:Development:ClockStateFile";

    /// <summary>The engine's number of control partitions (overrides <c>Workflows:Storage:PartitionCount</c>).</summary>
    public const string EnginePartitionCount = "Workflows:Engine:PartitionCount";

    /// <summary>Prefix of the domain's tables (tasks, cases, audit...).</summary>
    public const string DomainTablePrefix = "Workflows:Domain:TablePrefix";

    /// <summary>Prefix of the domain's blob containers (documents).</summary>
    public const string DomainContainerPrefix = "Workflows:Domain:ContainerPrefix";

    /// <summary>A policy file merged over the embedded default policy.</summary>
    public const string PolicyFile = "Workflows:Policies:File";

    /// <summary>The blob container of the write-once audit copy.</summary>
    public const string AuditImmutableContainer = "Workflows:Audit:ImmutableContainer";

    /// <summary>The client id of the app's user-assigned managed identity in Azure.</summary>
    public const string ManagedIdentityClientId = "AZURE_CLIENT_ID";

    /// <summary>Turns on the Azure Monitor exporter.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
}
