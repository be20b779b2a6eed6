using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Workflows.Audit;

namespace Workflows.Functions.Audit;

/// <summary>Registers the host's audit log: the keyed table chain behind its write-once copy.</summary>
internal static partial class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds the chain key (validated at start-up), and <see cref="ImmutableAuditCopy"/> over the table log
    /// as the <see cref="IAuditLog"/>. Call before <c>AddProgrammeWorkflows</c>, whose registrations only
    /// fill what is missing.
    /// </summary>
    public static IServiceCollection AddImmutableAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditChainOptions>().Bind(configuration.GetSection(AuditChainOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditChainOptions>, AuditChainOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuditChainOptions>>().Value;
            if (options.ChainKey.Length > 0)
            {
                return AuditChainKey.FromSecret(options.ChainKey, options.RetiredKeys(), options.NextChainKey);
            }

            // Only Development gets here (the validator refuses an empty key elsewhere).
            LogDevelopmentKey(sp.GetRequiredService<ILoggerFactory>().CreateLogger<ImmutableAuditCopy>());
            return AuditChainKey.Development;
        });
        services.AddSingleton(sp => new ImmutableAuditCopy(sp.GetRequiredService<AzureTableAuditLog>(), sp.GetRequiredService<BlobServiceClient>(), configuration));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<ImmutableAuditCopy>());
        return services;
    }

    [LoggerMessage(1, LogLevel.Warning, "Workflows:Audit:ChainKey is not set: the audit chain is sealed with the public development key. Set it to a random secret outside development.")]
    private static partial void LogDevelopmentKey(ILogger logger);
}
