using Workflows.Approvals;
using Workflows.People;

namespace Workflows.Browser.Tests;

/// <summary>
/// The task page's decision form: the values the task's policy allows for an attribute as a choice; where
/// the step takes conditions, the conditions' legal basis and duration.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class TaskAttributeTests(BrowserApp app)
{
    [Fact]
    public async Task The_risk_assessor_chooses_the_risk_level_from_the_values_the_task_allows()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await Decisions.DecideAsync(coordinator, "coordinator.almaty", reference, "eligibilityScreening");
        }

        var open = await Waits.OpenTaskAsync(app, "assessor1.almaty", reference, "riskAssessment");
        var store = app.Service<IApprovalTaskStore>();
        var task = (await store.GetAsync(open.TaskId))!;
        Assert.Equal(["Low", "Medium", "High"], task.AttributeValues["riskLevel"]);

        // The form follows the task's own list, not a list of its own: a policy with two levels offers two.
        Assert.True(await store.TryReplaceAsync(task with { AttributeValues = new Dictionary<string, IReadOnlyList<string>> { ["riskLevel"] = ["Low", "High"] } }));
        await using var assessor = await UiSession.StartAsync(app, "assessor1.almaty");
        await assessor.GotoAsync("/tasks/" + task.TaskId);

        var riskLevel = assessor.Page.Locator("#decision-form select#riskLevel");
        Assert.Equal(["", "Low", "High"], await riskLevel.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await riskLevel.SelectOptionAsync("High");
        await assessor.Page.Locator("input[name=Decision][value=Approve]").CheckAsync();
        await assessor.Page.Locator("#decision-form button[type=submit]").ClickAsync();
        await assessor.WaitForPathAsync("/tasks");

        var decided = await store.GetAsync(task.TaskId);
        Assert.Equal((ApprovalTaskStatus.Decided, "High"), (decided!.Status, decided.Attributes.GetValueOrDefault("riskLevel")));
        Assert.Empty(assessor.Problems);
    }

    [Fact]
    public async Task The_final_decision_with_conditions_records_their_legal_basis_and_duration_from_the_form()
    {
        var task = await FinalDecisionAsync(await Seeds.CsoApplicationUnderReviewAsync(app));
        await using var head = await UiSession.StartAsync(app, task.AssigneeId!);
        await head.GotoAsync("/tasks/" + task.TaskId);

        await head.Page.Locator("input[name=Decision][value=ApproveWithConditions]").CheckAsync();
        await head.Page.Locator("#conditions").FillAsync("Visits on weekdays only");
        await head.Page.Locator("#legalBasis").FillAsync("Penal Enforcement Code art. 20");
        await head.Page.Locator("#conditionDuration").FillAsync("6 months");
        await head.Page.Locator("#decision-form button[type=submit]").ClickAsync();
        await head.WaitForPathAsync("/tasks");

        var decided = await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId);
        Assert.Equal(DecisionKind.ApproveWithConditions, decided!.Decision);
        Assert.Equal(("Penal Enforcement Code art. 20", "6 months"), (decided.Attributes.GetValueOrDefault("legalBasis"), decided.Attributes.GetValueOrDefault("conditionDuration")));
        Assert.Empty(head.Problems);
    }

    [Fact]
    public async Task A_plain_approval_does_not_record_a_legal_basis_left_in_the_form()
    {
        var task = await FinalDecisionAsync(await Seeds.CsoApplicationUnderReviewAsync(app));
        await using var head = await UiSession.StartAsync(app, task.AssigneeId!);
        await head.GotoAsync("/tasks/" + task.TaskId);

        await head.Page.Locator("#legalBasis").FillAsync("Penal Enforcement Code art. 20");
        await head.Page.Locator("input[name=Decision][value=Approve]").CheckAsync();
        await head.Page.Locator("#decision-form button[type=submit]").ClickAsync();
        await head.WaitForPathAsync("/tasks");

        var decided = await app.Service<IApprovalTaskStore>().GetAsync(task.TaskId);
        Assert.Equal(DecisionKind.Approve, decided!.Decision);
        Assert.False(decided.Attributes.ContainsKey("legalBasis"));
    }

    [Fact]
    public async Task A_step_without_conditions_offers_no_legal_basis_or_duration()
    {
        var (reference, _) = await Seeds.ReferralAsync(app);
        var task = await Waits.OpenTaskAsync(app, "coordinator.almaty", reference, "eligibilityScreening");
        await using var coordinator = await UiSession.StartAsync(app, "coordinator.almaty");

        await coordinator.GotoAsync("/tasks/" + task.TaskId);

        await Microsoft.Playwright.Assertions.Expect(coordinator.Page.Locator("#decision-form")).ToBeVisibleAsync();
        Assert.Equal(0, await coordinator.Page.Locator("#legalBasis, #conditionDuration").CountAsync());
    }

    /// <summary>Approves every open task of the application (as its assignee) until the final decision is open.</summary>
    private async Task<ApprovalTask> FinalDecisionAsync(string reference)
    {
        var caseId = (await Waits.OpenTaskAsync(app, "natsec.central", reference)).CaseId;
        var tasks = app.Service<IApprovalTaskStore>();
        var directory = app.Service<IPersonDirectory>();
        return await Waits.UntilAsync(
            async () =>
            {
                var open = (await tasks.ListByCaseAsync(caseId)).Where(t => t.IsOpen && t.Kind == ApprovalTaskKind.Approval).ToList();
                if (open.FirstOrDefault(t => t.Step == "finalDecision") is { } final)
                {
                    return final;
                }

                foreach (var task in open.Where(t => t.AssigneeId is not null))
                {
                    await app.Service<ApprovalDecisionService>().DecideAsync(new DecisionCommand
                    {
                        TaskId = task.TaskId,
                        Actor = (await directory.FindAsync(task.AssigneeId!))!.ToActor(),
                        Decision = DecisionKind.Approve,
                        Attributes = task.RequiredAttributes.ToDictionary(a => a, _ => "ref-1", StringComparer.Ordinal),
                        Channel = DecisionChannel.Web,
                    });
                }

                return null;
            },
            "the final decision of " + reference,
            seconds: 60);
    }
}
