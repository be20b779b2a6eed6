using Workflows.Cases;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>Safeguard 5: the referral's orchestration inputs and custom statuses carry ids and codes, never the prisoner's data.</summary>
public sealed class ReferralPrivacyTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task InputsAndCustomStatus_AtEveryStep_HoldNoPersonalDataOfTheCase()
    {
        var request = ReferralDriver.Request() with { DateOfBirth = new DateOnly(1987, 11, 23), EvidenceNarrative = "Seen handing out leaflets glorifying the Shymkent attack.", InterpreterNeeded = true };
        var referral = new ReferralDriver(_host);
        await referral.SubmitAsync(request);
        var snapshots = new WorkflowSnapshots(_host, referral.CaseId);
        var steps = new Func<Task>[]
        {
            referral.ApproveEligibilityAsync,
            () => referral.AssessAsync("Low"),
            referral.ClearSecurityAsync,
            () => referral.ConsentAsync(given: false),
            () => referral.ConsentAsync(given: true),
            referral.CaseConferenceAsync,
            referral.PlaceAsync,
            referral.StartProgrammeAsync,
            () => _host.Host.AdvanceAsync(TimeSpan.FromDays(92)),
        };
        await snapshots.TakeAsync();
        foreach (var step in steps)
        {
            await step();
            await snapshots.TakeAsync();
        }

        // The data is in the case (the needles are the ones the case store holds), and nowhere else.
        var identity = Assert.Single(await _host.Cases.ReadSectionsAsync(referral.CaseId), s => s.Tier == DataTier.Identity).Data.GetRawText();
        Assert.Contains("1987-11-23", identity, StringComparison.Ordinal);
        Assert.Contains(request.PrisonerId!, identity, StringComparison.Ordinal);
        Assert.True(snapshots.Statuses >= steps.Length, $"only {snapshots.Statuses} statuses seen");
        Assert.Contains(snapshots.Texts, t => t.Text.Contains(referral.CaseId, StringComparison.Ordinal));
        snapshots.AssertNoneHolds(request.PrisonerId!, "1987-11-23", "23.11.1987", "11/23/1987", "Shymkent", "leaflets", "Programme content", "interpreterNeeded");
        Assert.NotEmpty(await _host.OpenTasksAsync(referral.CaseId, "progressReview"));
    }
}
