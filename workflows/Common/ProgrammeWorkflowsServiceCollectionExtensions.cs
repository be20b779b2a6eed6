using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Notifications;
using Workflows.Policies;
using Workflows.Storage;

namespace Workflows;

/// <summary>Adds the programme workflows' services: policies, directory, stores, decision and intake services.</summary>
public static class ProgrammeWorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Registers policies, the directory, the stores (in-memory twins or Azure Tables/Blobs, chosen by
    /// <see cref="WorkflowStorageOptions.UseInMemory"/>; the Azure ones take <see cref="TableServiceClient"/>
    /// and <c>BlobServiceClient</c> from DI), a recording notifier unless one is registered, and the
    /// services the host calls. Register the orchestrations with <c>engine.AddProgrammeWorkflows()</c>.
    /// </summary>
    public static IServiceCollection AddProgrammeWorkflows(this IServiceCollection services, Action<ProgrammeWorkflowsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ProgrammeWorkflowsOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Options.Create(options.Storage));
        services.TryAddSingleton<IPolicyProvider>(_ => PolicySet.LoadDefault([.. options.PolicyFiles]));
        services.TryAddSingleton<IPersonDirectory>(_ => options.DirectoryFile is null ? JsonPersonDirectory.LoadDevelopmentSeed() : JsonPersonDirectory.LoadFile(options.DirectoryFile));
        services.TryAddSingleton<INotifier, RecordingNotifier>();
        if (options.Storage.UseInMemory)
        {
            services.TryAddSingleton<IApprovalTaskStore, InMemoryApprovalTaskStore>();
            services.TryAddSingleton<IAuditLog, InMemoryAuditLog>();
            services.TryAddSingleton<ICaseStore, InMemoryCaseStore>();
            services.TryAddSingleton<IDocumentStore, InMemoryDocumentStore>();
        }
        else
        {
            AddAzure<IApprovalTaskStore, AzureTableApprovalTaskStore>(services);
            AddAzure<IAuditLog, AzureTableAuditLog>(services);
            AddAzure<ICaseStore, AzureTableCaseStore>(services);
            AddAzure<IDocumentStore, AzureBlobDocumentStore>(services);
        }

        services.TryAddSingleton<ApproverResolver>();
        services.TryAddSingleton<ApprovalDecisionService>();
        services.TryAddSingleton<CaseReadService>();
        services.TryAddSingleton<IntakeSupport>();
        ProgrammeServices.Add(services);
        services.AddHostedService<WorkflowStartupService>();
        return services;
    }

    private static void AddAzure<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService, IStoreInitializer
    {
        services.TryAddSingleton<TImplementation>();
        services.TryAddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
        services.AddSingleton<IStoreInitializer>(sp => sp.GetRequiredService<TImplementation>());
    }
}
