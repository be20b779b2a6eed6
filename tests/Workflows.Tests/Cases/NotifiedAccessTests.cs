using Workflows.Audit;
using Workflows.Cases;
using Workflows.Policies;
using Workflows.Tests.Referrals;
using Workflows.Tests.Support;
using static Workflows.Tests.Support.Approvals;

namespace Workflows.Tests.Cases;

/// <summary>People alerted about a case or escalated to are asked to act on it, so they can open it, in the role they were told as.</summary>
public sealed class NotifiedAccessTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task JuvenileReferral_ChildProtectionAlerted_CanReadTheReferralAndItsChildTier()
    {
        var referral = new ReferralDriver(_host, "taraz");
        await referral.SubmitAsync(ReferralDriver.Request("taraz", new DateOnly(2010, 3, 1)));

        var view = await _host.CaseReader.ReadAsync(referral.CaseId, _host.Actor("childprotection.south"));

        Assert.NotNull(view);
        Assert.Contains(new CaseParticipant("childprotection.south", Roles.ChildProtection), view.Case.Participants);
        Assert.Contains(DataTier.ChildProtection, view.ReadableTiers);
        Assert.Contains(_host.Audit.All, e => e.CaseId == referral.CaseId && e.Action == AuditActions.Disclosure && e.Role == Roles.ChildProtection && e.Ids["participants"] == "childprotection.south");
    }

    [Fact]
    public async Task EscalationRecipient_CanOpenTheCase_AsTheRoleTheyWereEscalatedTo()
    {
        var policy = OneCoordinator() with
        {
            Deadline = Duration.Days(10),
            Escalations = [new EscalationLevel { At = Duration.Days(10), Action = EscalationAction.Notify, Role = Roles.HeadOfRehabilitation, Scope = ScopeLevel.Region }],
        };
        var (_, caseId) = await StartAsync(_host, policy);
        Assert.Null(await _host.CaseReader.ReadAsync(caseId, _host.Actor("headrehab.south")));

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(10));

        var view = await _host.CaseReader.ReadAsync(caseId, _host.Actor("headrehab.south"));
        Assert.NotNull(view);
        Assert.Contains(new CaseParticipant("headrehab.south", Roles.HeadOfRehabilitation), view.Case.Participants);
        Assert.Contains(_host.Audit.All, e => e.CaseId == caseId && e.Action == AuditActions.Disclosure && e.Role == Roles.HeadOfRehabilitation);
    }

    [Fact]
    public async Task Reminder_ToTheAssignee_OpensTheCaseToNobodyElse()
    {
        var (_, caseId) = await StartAsync(_host, OneCoordinator());
        var before = (await _host.Cases.GetAsync(caseId))!.Participants.Count;

        await _host.Host.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Equal(before, (await _host.Cases.GetAsync(caseId))!.Participants.Count);
    }
}
