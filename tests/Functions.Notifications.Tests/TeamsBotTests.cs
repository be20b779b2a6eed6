using System.Net;
using System.Text.Json.Nodes;
using Workflows.Approvals;
using Workflows.Engine;
using Workflows.Functions.Notifications.Tests.Support;
using Workflows.Functions.Teams;

namespace Workflows.Functions.Notifications.Tests;

/// <summary>The messaging endpoint: card actions decide through the decision service, as the clicking user only.</summary>
public sealed class TeamsBotTests : IAsyncLifetime
{
    private const string ApproverAad = "0a0a0a0a-0000-4000-8000-00000000a001";
    private const string OtherAad = "0a0a0a0a-0000-4000-8000-00000000a002";
    private const string DelegateAad = "0a0a0a0a-0000-4000-8000-00000000a003";
    private TestWebHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestWebHost.StartAsync();
        _host.Bot.Member("29:approver", "amelie@prisons.test", ApproverAad);
        _host.Bot.Member("29:other", "oleg@prisons.test", OtherAad);
        _host.Bot.Member("29:delegate", "dana@prisons.test", DelegateAad);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_approver_approves_from_the_card_and_gets_the_updated_card()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:approver", ApproverAad, comment: "Eligible."));

        Assert.Equal((200, "application/vnd.microsoft.card.adaptive"), ((int)response["statusCode"]!, (string)response["type"]!));
        var card = response["value"]!.AsObject();
        Assert.Empty(Cards.ExecuteVerbs(card));
        Assert.Contains("Approuvé par Amélie Approver", Cards.Text(card), StringComparison.Ordinal);
        var decided = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((ApprovalTaskStatus.Decided, DecisionKind.Approve, DecisionChannel.Teams, Staff.Approver, "Eligible."), (decided.Status, decided.Decision, decided.Channel, decided.DecidedBy, decided.Comment));
        await _host.Engine.RunUntilIdleAsync();
        var signal = await _host.Engine.GetOutputAsync<ApprovalSignal>(task.InstanceId);
        Assert.Equal((SignalKind.Decision, DecisionKind.Approve, DecisionChannel.Teams, Staff.Approver), (signal!.Kind, signal.Decision, signal.Channel, signal.ActorId));
    }

    [Fact]
    public async Task Someone_else_clicking_approve_is_refused_and_nothing_changes()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:other", OtherAad));

        Assert.Equal((403, "application/vnd.microsoft.error", "NotEntitled"), ((int)response["statusCode"]!, (string)response["type"]!, (string)response["value"]!["code"]!));
        var unchanged = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((ApprovalTaskStatus.Open, (DecisionKind?)null, task.ETag), (unchanged.Status, unchanged.Decision, unchanged.ETag));
        await _host.Engine.RunUntilIdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _host.Engine.GetStateAsync(task.InstanceId)).RuntimeStatus);
    }

    [Fact]
    public async Task A_teams_user_missing_from_the_directory_is_refused()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:stranger", "0a0a0a0a-0000-4000-8000-0000000000ff"));

        Assert.Equal(403, (int)response["statusCode"]!);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    [Fact]
    public async Task A_delegate_decides_on_the_assignees_behalf()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver, delegateId: Staff.Delegate);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:delegate", DelegateAad, comment: "Evidence missing."));

        Assert.Equal(200, (int)response["statusCode"]!);
        var decided = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((DecisionKind.Reject, Staff.Delegate, Staff.Approver), (decided.Decision, decided.DecidedBy, decided.OnBehalfOf));
    }

    [Fact]
    public async Task Rejecting_without_a_comment_keeps_the_buttons_and_asks_for_one()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:approver", ApproverAad));

        var card = response["value"]!.AsObject();
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card));
        Assert.Contains("Ajoutez un commentaire pour rejeter.", Cards.Text(card), StringComparison.Ordinal);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    /// <summary>A veto role's task (a security clearance): a rejection is a veto and needs a behavioural reason.</summary>
    private Task<ApprovalTask> OpenVetoTaskAsync() =>
        _host.OpenTaskAsync(Staff.Approver, vetoAllowed: true, reasonCatalogue: ["insufficient-evidence", "security-concern", "religious-practice"]);

    [Fact]
    public async Task The_card_of_a_veto_roles_task_offers_its_reasons_in_the_viewers_language_as_a_multi_select()
    {
        var task = await OpenVetoTaskAsync();

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));

        var reasons = Cards.ReasonChoices(response["value"]!.AsObject());
        Assert.NotNull(reasons);
        Assert.True((bool)reasons["isMultiSelect"]!);
        Assert.Equal([("Preuves insuffisantes", "insufficient-evidence"), ("Préoccupation de sécurité", "security-concern")], Cards.Choices(reasons));
    }

    [Fact]
    public async Task The_card_of_a_task_whose_rejection_is_no_veto_offers_no_reasons()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver, reasonCatalogue: ["insufficient-evidence", "security-concern"]);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));

        var card = response["value"]!.AsObject();
        Assert.True(Cards.HasCommentBox(card));
        Assert.Null(Cards.ReasonChoices(card));
    }

    [Fact]
    public async Task A_veto_roles_rejection_without_a_reason_answers_with_the_card_asking_for_one_and_decides_nothing()
    {
        var task = await OpenVetoTaskAsync();

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:approver", ApproverAad, comment: "Seen passing messages for a network.", reasonCodes: ""));

        var card = response["value"]!.AsObject();
        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card));
        Assert.Contains("Choisissez au moins un motif pour rejeter", Cards.Text(card), StringComparison.Ordinal);
        Assert.Equal("Seen passing messages for a network.", (string?)card["body"]!.AsArray().Single(b => (string?)b!["id"] == "comment")!["value"]);
        var unchanged = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((ApprovalTaskStatus.Open, task.ETag), (unchanged.Status, unchanged.ETag));
    }

    [Fact]
    public async Task A_veto_roles_rejection_with_reasons_is_recorded_with_them()
    {
        var task = await OpenVetoTaskAsync();

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:approver", ApproverAad, comment: "Seen passing messages for a network.", reasonCodes: "security-concern,insufficient-evidence"));

        Assert.Empty(Cards.ExecuteVerbs(response["value"]!.AsObject()));
        var decided = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((DecisionKind.Reject, DecisionChannel.Teams), (decided.Decision, decided.Channel));
        Assert.Equal(["security-concern", "insufficient-evidence"], decided.ReasonCodes);
        await _host.Engine.RunUntilIdleAsync();
        Assert.Equal(["security-concern", "insufficient-evidence"], (await _host.Engine.GetOutputAsync<ApprovalSignal>(task.InstanceId))!.ReasonCodes);
    }

    [Fact]
    public async Task A_reason_the_domain_forbids_is_refused_even_when_sent_and_decides_nothing()
    {
        var task = await OpenVetoTaskAsync();

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:approver", ApproverAad, comment: "No.", reasonCodes: "religious-practice"));

        Assert.Contains("Choisissez les motifs dans la liste.", Cards.Text(response["value"]!.AsObject()), StringComparison.Ordinal);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    [Fact]
    public async Task A_card_decided_elsewhere_refreshes_to_the_outcome_without_live_buttons()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);
        var before = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));
        var decisions = (ApprovalDecisionService)_host.Services.GetService(typeof(ApprovalDecisionService))!;
        var person = (await Staff.Directory().FindAsync(Staff.Approver))!;
        await decisions.DecideAsync(new DecisionCommand { TaskId = task.TaskId, Actor = person.ToActor(), Decision = DecisionKind.Approve, Channel = DecisionChannel.Email });

        var after = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:approver", ApproverAad));

        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(before["value"]!.AsObject()));
        var card = after["value"]!.AsObject();
        Assert.Empty(Cards.ExecuteVerbs(card));
        Assert.False(Cards.HasCommentBox(card));
        Assert.Contains("Approuvé par Amélie Approver", Cards.Text(card), StringComparison.Ordinal);
        Assert.Equal("refresh", (string)card["refresh"]!["action"]!["verb"]!);
    }

    [Fact]
    public async Task Approving_a_task_already_decided_elsewhere_shows_the_outcome_and_changes_nothing()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);
        await _host.InvokeAsync(FakeBotFramework.CardAction("reject", task.TaskId, "29:approver", ApproverAad, comment: "No."));
        var decidedETag = (await _host.Tasks.GetAsync(task.TaskId))!.ETag;

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:approver", ApproverAad));

        Assert.Empty(Cards.ExecuteVerbs(response["value"]!.AsObject()));
        var now = (await _host.Tasks.GetAsync(task.TaskId))!;
        Assert.Equal((DecisionKind.Reject, decidedETag), (now.Decision, now.ETag));
    }

    [Fact]
    public async Task A_viewer_who_is_not_the_approver_sees_no_buttons_on_refresh()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:other", OtherAad, locale: "ru-RU"));

        var card = response["value"]!.AsObject();
        Assert.Empty(Cards.ExecuteVerbs(card));
        Assert.Contains("назначена не вам", Cards.Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_for_an_arabic_approver_is_right_to_left()
    {
        _host.Bot.Member("29:amina", "amina@prisons.test", "0a0a0a0a-0000-4000-8000-00000000a004");
        var task = await _host.OpenTaskAsync(Staff.ArabicApprover);

        var response = await _host.InvokeAsync(FakeBotFramework.CardAction("refresh", task.TaskId, "29:amina", "0a0a0a0a-0000-4000-8000-00000000a004"));

        var card = response["value"]!.AsObject();
        Assert.Equal((true, "ar", "1.5"), ((bool)card["rtl"]!, (string)card["lang"]!, (string)card["version"]!));
        Assert.Equal(["approve", "reject"], Cards.ExecuteVerbs(card));
    }

    [Fact]
    public async Task A_request_without_a_valid_channel_token_is_unauthorized_and_changes_nothing()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        using var response = await _host.PostActivityAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:approver", ApproverAad), token: _host.Bot.Token(key: _host.Bot.OtherKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    [Fact]
    public async Task An_activity_from_another_tenant_is_refused_and_changes_nothing()
    {
        var task = await _host.OpenTaskAsync(Staff.Approver);

        using var response = await _host.PostActivityAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:approver", ApproverAad, tenantId: "0badc0de-0000-4000-8000-000000000002"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await _host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    [Fact]
    public async Task An_activity_from_a_channel_other_than_teams_is_refused_even_with_a_key_endorsed_for_it()
    {
        await using var host = await TestWebHost.StartAsync(endorsements: ["msteams", "webchat"]);
        host.Bot.Member("29:approver", "amelie@prisons.test", ApproverAad);
        var task = await host.OpenTaskAsync(Staff.Approver);

        using var response = await host.PostActivityAsync(FakeBotFramework.CardAction("approve", task.TaskId, "29:approver", ApproverAad, channelId: "webchat"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await host.Tasks.GetAsync(task.TaskId))!.IsOpen);
    }

    [Fact]
    public async Task An_oversized_activity_is_refused_before_it_is_read()
    {
        var activity = FakeBotFramework.CardAction("approve", "t-1", "29:approver", ApproverAad);
        activity["padding"] = new string('x', TeamsBot.MaxActivityBytes);

        using var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Installing_the_app_remembers_the_personal_conversation()
    {
        var install = new JsonObject
        {
            ["type"] = "installationUpdate",
            ["action"] = "add",
            ["channelId"] = "msteams",
            ["serviceUrl"] = FakeBotFramework.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:approver", ["aadObjectId"] = ApproverAad },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-approver", ["conversationType"] = "personal", ["tenantId"] = FakeBotFramework.TenantId },
        };

        using var response = await _host.PostActivityAsync(install);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await ((ITeamsConversationStore)_host.Services.GetService(typeof(ITeamsConversationStore))!).FindByPersonAsync(Staff.Approver);
        Assert.Equal(("a:personal-approver", "29:approver", ApproverAad), (conversation!.ConversationId, conversation.UserMri, conversation.AadObjectId));
    }
}
