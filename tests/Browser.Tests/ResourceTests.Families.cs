using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Engine;
using Workflows.Functions.Pages.Admin;
using Workflows.Functions.Ui;

namespace Workflows.Browser.Tests;

/// <summary>
/// The keys the pages build at run time (<c>CaseStatus.{status}</c>, <c>Action.{action}</c>...): UiText shows a
/// code without a text as the code itself, so only these tests notice a missing one. Each family's codes come
/// from where the code lives (the domain's source, its enums, the page models), never from a list kept here.
/// </summary>
public sealed partial class ResourceTests
{
    [Fact]
    public void Every_case_status_the_domain_can_write_has_a_name()
    {
        var statuses = DomainSource.Workflows.CaseStatuses();
        Assert.True(statuses.Unresolved.Count == 0, "Statuses the test cannot follow to their values (teach DomainSource the expression):" + Environment.NewLine + string.Join(Environment.NewLine, statuses.Unresolved));
        Assert.Contains("ClosedWithBreach", statuses.Known);
        Assert.DoesNotContain(statuses.Known, s => s.Contains(DomainSource.Hole, StringComparison.Ordinal));
        AssertNamed(statuses.Known.Select(s => "CaseStatus." + s));
    }

    [Fact]
    public void Every_case_section_and_field_of_its_data_has_a_name()
    {
        var (names, fields) = DomainSource.Workflows.CaseSections();

        // A section named at run time (bestInterests-{child}) is shown by its prefix's name and the rest.
        var keys = names.Known.Select(n => "Section." + (n.IndexOf(DomainSource.Hole, StringComparison.Ordinal) is var hole and >= 0 ? n[..hole].TrimEnd('-') : n)).ToList();
        Assert.Contains("Section.placement", keys);
        Assert.Contains("Section.bestInterests", keys);
        Assert.DoesNotContain("Section.", keys);
        AssertNamed(keys.Concat(fields.Select(f => "Field." + f)));
    }

    [Fact]
    public void Every_field_a_form_or_a_validation_error_names_has_a_name()
    {
        var needed = new List<string>();
        var pages = Directory.EnumerateFiles(Path.Combine(Paths.Root, "functions", "Pages"), "*.cshtml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        foreach (Match match in pages.SelectMany(p => TextFieldUse().Matches(p)))
        {
            needed.Add("Field." + match.Groups["field"].Value);
            if (match.Value.Contains("Hint: true", StringComparison.Ordinal))
            {
                needed.Add("Hint." + match.Groups["field"].Value);
            }
        }

        Assert.Contains("Field.eventName", needed);

        // Error paths built at run time (attributes.{name}) end in a hole: their names come from the policy below.
        var errorFields = DomainSource.Workflows.ErrorFields().Known.Select(f => UiText.FieldOf(f.Replace("[" + DomainSource.Hole + "]", string.Empty, StringComparison.Ordinal))).ToList();
        Assert.Contains("prisonerId", errorFields);
        needed.AddRange(errorFields.Where(f => f.Length > 0 && !f.Contains(DomainSource.Hole, StringComparison.Ordinal)).Select(f => "Field." + f));

        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.Root, "workflows", "Policies", "default-policy.json")));
        var attributes = policy.RootElement.GetProperty("workflows").EnumerateObject()
            .SelectMany(w => w.Value.TryGetProperty("steps", out var steps) ? steps.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            .SelectMany(s => s.Value.TryGetProperty("requiredAttributes", out var list) ? list.EnumerateArray().Select(a => a.GetString()!) : [])
            .ToList();
        Assert.Contains("riskLevel", attributes);
        needed.AddRange(attributes.Select(a => "Field." + a));
        AssertNamed(needed);
    }

    [Fact]
    public void Every_key_family_the_pages_build_at_run_time_has_its_texts()
    {
        var needed = new List<string>();
        needed.AddRange(InstanceActionModel.All.SelectMany(a => new[] { $"Action.{a}", $"Action.{a}.Explain" }));
        needed.AddRange(IntakeEntitlements.Forms.SelectMany(f => new[] { $"Intake.{f}.Title", $"Intake.{f}.Summary", $"Intake.{f}.Intro" }));
        needed.AddRange(Workflows.Functions.Pages.Tasks.IndexModel.Sorts.Select(s => $"Tasks.Sort.{s.TrimStart('-')}{(s.StartsWith('-') ? "Desc" : "Asc")}"));
        var triggers = DomainSource.Workflows.StaticArray("ReferralValidator", "Triggers");
        var riskLevels = DomainSource.Workflows.StaticArray("PreReleaseService", "RiskLevels");
        Assert.Equal(triggers.Order(StringComparer.Ordinal), Workflows.Functions.Pages.Intake.ReferralModel.Triggers.Order(StringComparer.Ordinal));
        Assert.Equal(riskLevels.Order(StringComparer.Ordinal), Workflows.Functions.Pages.Intake.PreReleaseModel.RiskLevels.Order(StringComparer.Ordinal));
        needed.AddRange(triggers.Select(t => "Trigger." + t));
        needed.AddRange(DomainSource.Workflows.StaticArray("ReferralValidator", "Urgencies").Select(u => "Urgency." + u));
        needed.AddRange(Workflows.Functions.Pages.Intake.ReferralModel.Sexes.Select(s => "Sex." + s));
        needed.AddRange(riskLevels.Select(r => "RiskLevel." + r));
        needed.AddRange(typeof(Workflows.Cases.CaseRecord).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(OrchestrationNameAttribute), inherit: false).OfType<OrchestrationNameAttribute>().FirstOrDefault()?.Name)
            .OfType<string>()
            .Select(n => "Orchestration." + n));
        needed.AddRange(Enum.GetNames<OrchestrationErrorCode>().Select(c => "EngineError." + c));
        var notificationChannels = typeof(Workflows.Functions.Notifications.INotificationChannel).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(Workflows.Functions.Notifications.INotificationChannel).IsAssignableFrom(t))
            .Select(t => t.GetField("ChannelName")?.GetRawConstantValue() as string ?? throw new InvalidOperationException($"{t.Name} names its channel without a ChannelName constant."))
            .ToList();
        Assert.Contains("Teams", notificationChannels);
        needed.AddRange(notificationChannels.Concat(Enum.GetNames<Workflows.Approvals.DecisionChannel>()).Select(c => "Channel." + c));
        needed.AddRange(Enum.GetNames<Workflows.Policies.EscalationAction>().Select(a => "Escalation." + a));
        needed.AddRange(Enum.GetNames<Workflows.Approvals.ApprovalTaskKind>().Select(k => "TaskKind." + k));

        // The status messages pages leave in TempData for the next page (TempData["Status"], Done(result, "Status.X")).
        var statusKeys = Directory.EnumerateFiles(Path.Combine(Paths.Root, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => StatusMessage().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToList();
        Assert.Contains("Status.DecisionRecorded", statusKeys);
        needed.AddRange(statusKeys);

        // Administrative actions are audited as Management.{action} (ManagementAudit), from the pages and the management API.
        var managementActions = Directory.EnumerateFiles(Path.Combine(Paths.Root, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => ManagementAction().Matches(File.ReadAllText(f)).Select(m => m.Groups["action"].Value))
            .ToList();
        Assert.Contains("raiseEvent", managementActions);
        Assert.Contains("start", managementActions);
        needed.AddRange(managementActions.Select(a => "AuditAction.Management." + a));
        AssertNamed(needed);
    }

    private static void AssertNamed(IEnumerable<string> keys)
    {
        var missing = keys.Distinct(StringComparer.Ordinal).Where(k => !English.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"new TextField\(e, ""(?<field>[A-Za-z0-9]+)""[^)]*\)")]
    private static partial Regex TextFieldUse();

    [GeneratedRegex(@"""(?<key>Status\.[A-Z][A-Za-z]+)""")]
    private static partial Regex StatusMessage();

    [GeneratedRegex(@"(?:audit\.RecordAsync\([A-Za-z.]+, |LifecycleAsync\([^,()]+, [^,()]+, audit, )""(?<action>[A-Za-z-]+)""")]
    private static partial Regex ManagementAction();
}
