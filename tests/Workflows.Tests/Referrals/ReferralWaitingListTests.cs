using Microsoft.Extensions.DependencyInjection;
using Workflows.Policies;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

/// <summary>The waiting-list alerts follow the policy: the first after waitingListAlert, then every waitingListRealert.</summary>
public sealed class ReferralWaitingListTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
    private readonly DomainHost _host;
    private readonly ReferralDriver _referral;

    public ReferralWaitingListTests()
    {
        File.WriteAllText(_file, """{ "workflows": { "referral": { "timers": { "waitingListRealert": "14 days" } } } }""");
        _host = DomainHost.Create(s => s.AddSingleton<IPolicyProvider>(PolicySet.LoadDefault(_file)));
        _referral = new ReferralDriver(_host);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        File.Delete(_file);
    }

    private int Alerts => _host.Notifier.Sent.Count(n => n.CaseId == _referral.CaseId && n.Code == "WaitingListAlert" && n.RecipientId == "director.almaty");

    [Fact]
    public async Task WaitingList_RealertsOnTheDayThePolicySays()
    {
        await _referral.SubmitAsync();
        await _referral.ThroughPlacementAsync();
        var placedAt = _host.Now;
        await _host.Host.AdvanceToAsync(placedAt.AddDays(60));
        Assert.Equal(1, Alerts);

        await _host.Host.AdvanceToAsync(placedAt.AddDays(74).AddMinutes(-1));
        Assert.Equal(1, Alerts);
        await _host.Host.AdvanceToAsync(placedAt.AddDays(74));

        Assert.Equal(2, Alerts);
    }
}
