using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Approvals;
using Workflows.Audit;
using Workflows.Cases;
using Workflows.People;
using Workflows.Engine.Testing;
using Workflows.Referrals;
using Workflows.Testing.Azurite;

namespace Workflows.Tests.Support;

/// <summary>The workflows wired as the host wires them, on Azure Tables and Blobs (Azurite), created at start-up.</summary>
public sealed class AzureDomainHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddProgrammeWorkflows_OnAzureStores_CreatesTablesAtStartUp_AndRunsAReferralStep()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        await using var host = OrchestrationTestHost.Create(
            engine => engine.AddProgrammeWorkflows(),
            services =>
            {
                services.AddSingleton(new TableServiceClient(azurite.ConnectionString));
                services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
                services.AddProgrammeWorkflows(o => o.Storage = new Storage.WorkflowStorageOptions { UseInMemory = false, TablePrefix = prefix, ContainerPrefix = prefix });
            });
        foreach (var service in host.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.IsType<AzureTableApprovalTaskStore>(host.Services.GetRequiredService<IApprovalTaskStore>());
        Assert.IsType<AzureTableCaseStore>(host.Services.GetRequiredService<ICaseStore>());
        var people = host.Services.GetRequiredService<IPersonDirectory>();
        var result = await host.Services.GetRequiredService<ReferralService>().StartReferralAsync(Workflows.Tests.Referrals.ReferralDriver.Request(), (await people.FindAsync("referrer.almaty"))!.ToActor());
        await host.RunUntilIdleAsync();

        var task = Assert.Single(await host.Services.GetRequiredService<IApprovalTaskStore>().ListOpenForPersonAsync("coordinator.almaty"), t => t.CaseId == result.CaseId);
        var decision = await host.Services.GetRequiredService<ApprovalDecisionService>().DecideAsync(new DecisionCommand { TaskId = task.TaskId, Actor = (await people.FindAsync("coordinator.almaty"))!.ToActor(), Decision = DecisionKind.Approve });
        await host.RunUntilIdleAsync();

        Assert.Equal(DecisionStatus.Recorded, decision.Status);
        Assert.Equal(3, (await host.Services.GetRequiredService<IApprovalTaskStore>().ListByCaseAsync(result.CaseId!)).Count(t => t is { Step: "riskAssessment", IsOpen: true }));
        Assert.True((await host.Services.GetRequiredService<IAuditLog>().VerifyAsync(result.CaseId!)).IsValid);
        Assert.Contains(await new TableServiceClient(azurite.ConnectionString).QueryAsync(t => t.Name == prefix + "Audit").ToListAsync(), t => t.Name == prefix + "Audit");
    }
}
