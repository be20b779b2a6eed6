using Workflows.Cases;
using Workflows.Tests.Support;

namespace Workflows.Tests.Repatriation;

/// <summary>Safeguard 5: the household's orchestration inputs and custom statuses carry ids and codes, never identity or legal data.</summary>
public sealed class RepatriationPrivacyTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task InputsAndCustomStatus_FromIntakeToTheCentre_HoldNoIdentityOrLegalDataOfTheHousehold()
    {
        var household = new RepatriationDriver(_host);
        await household.StartAsync();
        var snapshots = new WorkflowSnapshots(_host, household.CaseId);
        var steps = new Func<Task>[]
        {
            () => _host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step == "identityVerification"),
            () => household.ConsentAsync("parent:c1"),
            () => household.ConsentAsync("dna:m1"),
            () => _host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step is "securityPrescreen" or "manifestApproval"),
            async () =>
            {
                await household.Service.RecordArrivalAsync(household.CaseId, _host.Actor("centredirector.aktau"));
                await _host.Host.RunUntilIdleAsync();
            },
            () => _host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step is "medicalScreening" or "childProtectionHandover"),
            () => _host.ApproveAllOpenAsync(household.CaseId, filter: t => t.Step is "legalTrack" or "bestInterests"),
        };
        await snapshots.TakeAsync();
        foreach (var step in steps)
        {
            await step();
            await snapshots.TakeAsync();
        }

        // The data is in the case's tiers (the needles are what the case store holds), and nowhere else.
        Assert.Contains("1995-04-02", (await household.SectionAsync(HouseholdIdentitySection))!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(DataTier.Legal, await household.TierAsync(Workflows.Repatriation.HouseholdWarrants.SectionName));
        Assert.Contains(_host.Notifier.Sent, n => n.Code == "WarrantHandover");
        Assert.True(snapshots.Statuses >= steps.Length, $"only {snapshots.Statuses} statuses seen");
        Assert.Contains(snapshots.Texts, t => t.Text.Contains("m1", StringComparison.Ordinal));
        snapshots.AssertNoneHolds("1995-04-02", "hasWarrant", "LIST-2026-04", "\"sex\"", "dateOfBirth\":\"");
    }

    private const string HouseholdIdentitySection = Workflows.Repatriation.HouseholdIdentity.SectionName;
}
