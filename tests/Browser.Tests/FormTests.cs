using Microsoft.Playwright;
using Workflows.Engine;
using Workflows.Engine.Client;

namespace Workflows.Browser.Tests;

/// <summary>Forms as people use them: errors next to the fields with nothing written, keyboard only, user text shown as text.</summary>
[Collection(BrowserTests.Name)]
public sealed class FormTests(BrowserApp app)
{
    [Fact]
    public async Task Invalid_referral_shows_each_field_error_links_to_the_field_and_writes_nothing()
    {
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        var prisonerId = "P-INVALID-" + Guid.NewGuid().ToString("N")[..6];
        await ReferralForm.FillAsync(referrer, prisonerId, evidence: "   ");
        await referrer.Page.Locator("input[name=ReasonCodes][value=threats-to-staff]").UncheckAsync();
        var response = await referrer.Page.RunAndWaitForResponseAsync(
            () => referrer.Page.Locator("#intake-form button[type=submit]").ClickAsync(),
            r => r.Url.EndsWith("/intake/referral", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        var summary = referrer.Page.Locator(".error-summary");
        await Assertions.Expect(summary.Locator("a")).ToHaveCountAsync(2);
        await Assertions.Expect(referrer.Page.Locator("#reasonCodes-error")).ToContainTextAsync("Choose at least one behavioural reason");
        await Assertions.Expect(referrer.Page.Locator("#evidenceNarrative-error")).ToContainTextAsync("a referral without evidence is refused");
        await Assertions.Expect(referrer.Page.Locator("#evidenceNarrative")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(referrer.Page.Locator("#evidenceNarrative")).ToHaveAttributeAsync("aria-describedby", "evidenceNarrative-hint evidenceNarrative-error");
        await Assertions.Expect(referrer.Page.Locator("#prisonerId")).ToHaveValueAsync(prisonerId);
        await referrer.ScreenshotAsync("intake-referral-errors");

        await summary.Locator("a[href='#evidenceNarrative']").ClickAsync();
        await Assertions.Expect(referrer.Page.Locator("#evidenceNarrative")).ToBeFocusedAsync();

        var page = await app.Service<OrchestrationClient>().QueryInstancesAsync(new InstanceQuery { Name = "Referral", PageSize = 1000, FetchInputsAndOutputs = true });
        Assert.DoesNotContain(page.Instances, i => i.Input?.Contains(prisonerId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Empty_required_fields_are_stopped_in_the_page_before_anything_is_sent()
    {
        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        await referrer.GotoAsync("/intake/referral");
        var posted = false;
        referrer.Page.Request += (_, request) => posted |= request.Method == "POST";
        await referrer.Page.Locator("#intake-form button[type=submit]").ClickAsync();

        Assert.True(await referrer.Page.Locator("#prisonerId").EvaluateAsync<bool>("e => e.validity.valueMissing"));
        Assert.False(posted);
        Assert.EndsWith("/intake/referral", referrer.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complaint_form_can_be_filled_and_submitted_with_the_keyboard_alone()
    {
        await using var officer = await UiSession.StartAsync(app, "referrer.almaty");
        await officer.GotoAsync("/intake/complaint");
        var page = officer.Page;

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");

        await TabToAsync(page, "complainantId");
        await page.Keyboard.TypeAsync("C-" + Guid.NewGuid().ToString("N")[..6]);
        await TabToAsync(page, "category");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "description");
        await page.Keyboard.TypeAsync("Was refused a family visit without a reason.");
        await TabToAsync(page, "submit");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");

        await officer.WaitForPathStartingWithAsync("/intake/submitted/");
        await Assertions.Expect(page.Locator("#case-reference")).ToContainTextAsync("CMP-");
    }

    [Theory]
    [InlineData("referrer.almaty", "/intake/complaint")]
    [InlineData("referrer.almaty", "/intake/referral")]
    [InlineData("socialworker.almaty", "/intake/pre-release")]
    public async Task Tab_visits_every_field_of_the_form_once_in_reading_order_with_a_visible_focus(string person, string path)
    {
        await using var session = await UiSession.StartAsync(app, person);
        await session.GotoAsync(path);
        var page = session.Page;

        // The stops the form should have, in document order: each enabled control once, a radio group once.
        var expected = await page.Locator("#intake-form").EvaluateAsync<string[]>("""
            form => {
              const controls = Array.from(form.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
                .filter(c => !c.disabled && c.tabIndex >= 0 && c.getClientRects().length > 0);
              const stops = [];
              for (const c of controls) {
                if (c.type === 'radio') {
                  const group = controls.filter(r => r.type === 'radio' && r.name === c.name);
                  const stop = group.find(r => r.checked) ?? group[0];
                  if (stop === c) stops.push(c.id);
                } else {
                  stops.push(c.type === 'submit' ? 'submit' : c.id);
                }
              }
              return stops;
            }
            """);
        Assert.True(expected.Length >= 4, "The form has fields.");

        // From the skip link's target, Tab through the page until the form's submit button.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var visited = new List<string>();
        for (var i = 0; i < 80 && visited.LastOrDefault() != "submit"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>("""
                () => {
                  const e = document.activeElement;
                  return [e.closest('#intake-form') ? 'form' : 'page', e.type === 'submit' && e.closest('#intake-form') ? 'submit' : e.id, getComputedStyle(e).outlineStyle];
                }
                """);
            var (id, outline) = (focused[1], focused[2]);
            // A date input takes one Tab per segment (day, month, year): one stop of the form.
            if (focused[0] == "form" && visited.LastOrDefault() != id)
            {
                visited.Add(id);
            }

            if (focused[0] == "form")
            {
                Assert.True(outline != "none", $"{id} shows no focus outline.");
            }
        }

        Assert.Equal(expected, visited);
    }

    [Fact]
    public async Task Script_typed_into_a_decision_comment_is_shown_as_text()
    {
        var (reference, caseId) = await Seeds.ReferralAsync(app);
        const string Script = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\">";
        await using (var coordinator = await UiSession.StartAsync(app, "coordinator.almaty"))
        {
            await Decisions.DecideAsync(coordinator, "coordinator.almaty", reference, "eligibilityScreening", "Reject", Script);
        }

        await using var referrer = await UiSession.StartAsync(app, "referrer.almaty");
        await referrer.GotoAsync("/cases/" + caseId);
        var comment = referrer.Page.Locator("#case-timeline .comment");
        await Assertions.Expect(comment).ToHaveTextAsync(Script);
        Assert.Equal(0, await comment.Locator("script, img").CountAsync());
        Assert.Null(await referrer.Page.EvaluateAsync<int?>("() => window.__injected ?? null"));
        await referrer.ScreenshotAsync("case-page-referral");
    }

    private static async Task TabToAsync(IPage page, string idOrSubmit)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var here = await page.EvaluateAsync<string>("() => document.activeElement.type === 'submit' && document.activeElement.closest('#intake-form') ? 'submit' : document.activeElement.id");
            if (here == idOrSubmit)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached '{idOrSubmit}'.");
    }
}
