using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Approvals;
using Workflows.Cases;
using Workflows.Engine;
using Workflows.Functions.Resources;

namespace Workflows.Browser.Tests;

/// <summary>
/// The texts of the UI: every key in every language (from the built satellite assemblies), the same
/// placeholders everywhere, every key the pages use defined, and a name for every domain code of the default policy.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string[] Languages = ["fr", "es", "ru", "ar", "zh"];

    private static readonly ResourceManager Manager = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static Dictionary<string, string> English => Texts(CultureInfo.InvariantCulture);

    public static TheoryData<string> Cultures => [.. Languages];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_key_has_a_text_in_the_language(string language)
    {
        var texts = Texts(new CultureInfo(language));
        var missing = English.Keys.Where(k => !texts.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).Order(StringComparer.Ordinal).ToList();
        var extra = texts.Keys.Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"{language} lacks: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{language} has keys English lacks: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Placeholders_are_the_same_in_every_language(string language)
    {
        var texts = Texts(new CultureInfo(language));
        var different = English.Where(e => texts.TryGetValue(e.Key, out var t) && !Placeholders(e.Value).SetEquals(Placeholders(t))).Select(e => e.Key).ToList();
        Assert.True(different.Count == 0, $"{language} placeholders differ in: {string.Join(", ", different)}");
    }

    [Fact]
    public void Every_key_the_pages_use_has_an_English_text()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Paths.Root, "functions"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match match in UsedKey().Matches(File.ReadAllText(file)))
            {
                used.Add(match.Groups["key"].Value);
            }
        }

        Assert.True(used.Count > 100, "The scan found the pages' keys.");
        var missing = used.Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Undefined keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_code_of_the_default_policy_and_the_domain_has_a_name()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.Root, "workflows", "Policies", "default-policy.json")));
        var needed = new List<string>();
        foreach (var workflow in policy.RootElement.GetProperty("workflows").EnumerateObject())
        {
            needed.Add("Workflow." + workflow.Name);
            if (workflow.Value.TryGetProperty("steps", out var steps))
            {
                needed.AddRange(steps.EnumerateObject().Select(s => "Step." + s.Name));
            }

            if (workflow.Value.TryGetProperty("reasonCodes", out var codes))
            {
                needed.AddRange(codes.EnumerateArray().Select(c => "Reason." + c.GetString()));
            }
        }

        needed.AddRange(Workflows.Roles.All.Select(r => "Role." + r));
        needed.AddRange(Enum.GetNames<DecisionKind>().Select(n => "Decision." + n));
        needed.AddRange(Enum.GetNames<ApprovalTaskStatus>().Select(n => "TaskStatus." + n));
        needed.AddRange(Enum.GetNames<OrchestrationRuntimeStatus>().Select(n => "RuntimeStatus." + n));
        needed.AddRange(Enum.GetNames<DataTier>().Select(n => "Tier." + n));
        needed.AddRange(Enum.GetNames<Workflows.Notifications.NotificationKind>().Select(n => "NotificationKind." + n));
        needed.AddRange(new[] { "approve", "reject", "open", "case" }.Select(r => "Outbox.Link." + r));
        needed.AddRange(typeof(Workflows.ErrorCodes).GetFields().Select(f => "Error." + f.GetValue(null)));
        needed.AddRange(typeof(Workflows.Audit.AuditActions).GetFields().Select(f => "AuditAction." + f.GetValue(null)));
        needed.Add("AuditAction." + Workflows.Functions.Notifications.Failures.NotificationFailureRecorder.AuditAction);
        needed.AddRange(typeof(Workflows.Functions.Notifications.NotificationAudit).GetFields().Where(f => f.IsLiteral).Select(f => "AuditAction." + f.GetValue(null)));
        var missing = needed.Distinct().Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No text for: " + string.Join(", ", missing));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:T|text|Text)(?:\[|\.Format\(|\.Has\()""(?<key>[A-Za-z0-9_.\-]+)""")]
    private static partial Regex UsedKey();
}
