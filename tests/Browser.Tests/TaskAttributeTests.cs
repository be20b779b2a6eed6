using Workflows.Approvals;

namespace Workflows.Browser.Tests;

/// <summary>The task page's decision form offers the values the task's policy allows for an attribute as a choice.</summary>
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
}
