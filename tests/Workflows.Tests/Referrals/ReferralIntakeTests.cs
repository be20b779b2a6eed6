using Workflows.Referrals;
using Workflows.Tests.Support;

namespace Workflows.Tests.Referrals;

public sealed class ReferralIntakeTests : IAsyncLifetime
{
    private readonly DomainHost _host = DomainHost.Create();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private ReferralService Service => _host.Service<ReferralService>();

    [Fact]
    public async Task Submit_WithoutEvidence_IsRefusedAndWritesNothing()
    {
        var request = ReferralDriver.Request() with { EvidenceNarrative = "  " };

        var result = await Service.StartReferralAsync(request, _host.Actor("referrer.almaty"));

        Assert.Equal(IntakeStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e is { Field: "evidenceNarrative", Code: ErrorCodes.Required });
        Assert.Empty(_host.Audit.All);
        Assert.Empty((await _host.Host.Client.QueryInstancesAsync(new Engine.InstanceQuery())).Instances);
    }

    [Theory]
    [InlineData("religious-dress")]
    [InlineData("ethnic-origin")]
    [InlineData("nationality")]
    public async Task Submit_WithAForbiddenReason_NamesTheField(string code)
    {
        var request = ReferralDriver.Request() with { ReasonCodes = ["violent-incident", code] };

        var result = await Service.StartReferralAsync(request, _host.Actor("referrer.almaty"));

        Assert.Contains(result.Errors!, e => e is { Field: "reasonCodes[1]", Code: ErrorCodes.ForbiddenReasonCode });
    }

    [Fact]
    public async Task Submit_InvalidFields_ListsEachWithItsCode()
    {
        var request = new ReferralRequest { FacilityId = "nowhere", Trigger = "rumour", Urgency = "Soon", Sex = "x", ReasonCodes = ["made-up"] };

        var result = await Service.StartReferralAsync(request, _host.Actor("referrer.almaty"));

        var errors = result.Errors!.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Contains(("prisonerId", ErrorCodes.Required), errors);
        Assert.Contains(("facilityId", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("trigger", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("reasonCodes[0]", ErrorCodes.UnknownReasonCode), errors);
        Assert.Contains(("urgency", ErrorCodes.UnknownValue), errors);
        Assert.Contains(("dateOfBirth", ErrorCodes.Required), errors);
        Assert.Contains(("sex", ErrorCodes.UnknownValue), errors);
    }

    [Fact]
    public async Task Submit_ForAnotherFacility_IsNotEntitled()
    {
        var result = await Service.StartReferralAsync(ReferralDriver.Request("almaty"), _host.Actor("referrer.kostanay"));

        Assert.Equal(IntakeStatus.NotEntitled, result.Status);
    }

    [Fact]
    public async Task Submit_Valid_CreatesTheCaseAuditsAndStartsTheWorkflowWithTags()
    {
        var result = await Service.StartReferralAsync(ReferralDriver.Request() with { Attachments = [new Attachment(Workflows.Cases.DataTier.Intelligence, "text/plain", [1])] }, _host.Actor("referrer.almaty"));
        await _host.Host.RunUntilIdleAsync();

        Assert.Equal(IntakeStatus.Started, result.Status);
        Assert.Matches("^REF-2026-[A-Z2-9]{8}$", result.CaseReference!);
        Assert.Equal($"referral-{result.CaseReference}", result.InstanceId);
        var state = await _host.StateAsync(result.InstanceId!);
        Assert.Equal(result.CaseId, state.Tags[WorkflowNames.CaseTag]);
        Assert.Equal("almaty", state.Tags[WorkflowNames.FacilityTag]);
        Assert.DoesNotContain("P-", state.Input, StringComparison.Ordinal);
        Assert.DoesNotContain("Observed", state.Input, StringComparison.Ordinal);
        Assert.Contains(_host.Audit.All, e => e.CaseId == result.CaseId && e.Action == Workflows.Audit.AuditActions.CaseCreated);
        Assert.Single(await _host.Cases.ListDocumentsAsync(result.CaseId!));
        Assert.Equal("eligibilityScreening", (await _host.StatusAsync(result.InstanceId!)).Step);
    }

    [Fact]
    public async Task Submit_TwiceWithTheSameClientRequestId_StartsOnce()
    {
        var request = ReferralDriver.Request() with { ClientRequestId = "form-42" };

        var first = await Service.StartReferralAsync(request, _host.Actor("referrer.almaty"));
        var second = await Service.StartReferralAsync(request, _host.Actor("referrer.almaty"));

        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Single((await _host.Host.Client.QueryInstancesAsync(new Engine.InstanceQuery { Name = ReferralOrchestration.Name })).Instances);
    }
}
