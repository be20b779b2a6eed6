using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Approvals;
using Workflows.Functions.Notifications;
using Workflows.Functions.Ui;
using Workflows.Notifications;
using Workflows.Referrals;

namespace Workflows.Browser.Tests;

/// <summary>
/// The codes that reach a person as words: the steps the domain shows (pages, emails, Teams cards), the codes a
/// message states as its result, the codes an audit entry gives as its reason, the fixed values case sections
/// hold. Each set comes from the source that writes the code (<see cref="DomainSource"/>), never from a list kept here.
/// </summary>
public sealed partial class ResourceTests
{
    /// <summary>The kinds of message that state their code as the result (MessageContentBuilder).</summary>
    private static readonly string[] ResultKinds = [nameof(NotificationKind.Outcome), nameof(NotificationKind.DecisionNotice), nameof(NotificationKind.Alert)];

    [Fact]
    public void Every_step_the_domain_shows_has_a_name_on_screen_and_in_every_message_language()
    {
        var steps = DomainSteps();

        Assert.Contains("eligibilityScreening", steps);
        Assert.Contains("consents", steps);
        Assert.Contains("retention", steps);
        AssertNamed(steps.Select(s => "Step." + s));
        AssertMessageTexts(steps.Select(s => "step." + s));
    }

    [Fact]
    public void Every_code_a_message_states_as_its_result_has_a_text_in_every_message_language()
    {
        var codes = ResultCodes();

        Assert.Contains("StatelessnessRiskFlagged", codes);
        Assert.Contains("SuspensionConfirmedResponseInvited", codes);
        Assert.Contains("WomenStaffRuleUnmet", codes);
        Assert.Contains("StaffAdditionApproved", codes);
        Assert.Contains("NotEligible", codes);
        Assert.DoesNotContain("Reminder", codes);
        AssertMessageTexts(codes.Select(c => "result." + c));
    }

    [Fact]
    public void Every_code_an_audit_entry_gives_as_its_reason_has_a_name()
    {
        var reasons = AuditReasonCodes();

        Assert.Contains("MissedContactConferenceNotHeld", reasons);
        Assert.Contains("WomenStaffRuleWidened", reasons);
        Assert.Contains("EscalationLevel" + DomainSource.Hole, reasons);
        Assert.Contains("NotReachableOnTeams", reasons);
        Assert.Contains("NoHandDeliverer", reasons);
        Assert.Contains("ExitRefusedNewReview", reasons);
        var unnamed = reasons.Where(r => !AuditReasonNamed(r)).Select(r => r.Replace(DomainSource.Hole.ToString(), "{n}", StringComparison.Ordinal)).ToList();
        Assert.True(unnamed.Count == 0, $"No text in any of {string.Join(", ", UiText.AuditReasonFamilies)} for: {string.Join(", ", unnamed)}");
    }

    [Fact]
    public void Every_fixed_value_a_case_section_holds_has_a_name()
    {
        var needed = new List<string>();
        foreach (var (field, expressions) in DomainSource.Workflows.SectionDataMembers())
        {
            var values = expressions.Select(DomainSource.Workflows.ValuesOf).ToList();
            var known = values.SelectMany(v => v.Known).Where(k => !k.Contains(DomainSource.Hole, StringComparison.Ordinal)).ToList();
            if (CaseFacts.Families.TryGetValue(field, out var family))
            {
                needed.AddRange(known.Select(k => $"{family}.{k}"));
            }
            else if (values.All(v => v.Unresolved.Count == 0 && v.Known.Count > 0) && known.Count == values.Sum(v => v.Known.Count))
            {
                // A field the domain only ever fills from a fixed set of strings holds codes, not free text.
                needed.AddRange(known.Select(k => $"Fact.{field}.{k}"));
            }
        }

        Assert.Contains("Track.Undecided", needed);
        Assert.Contains("Fact.consent.notGiven", needed);
        Assert.Contains("Fact.reason.KeptWithParent", needed);
        Assert.Contains("CaseStatus.Completed", needed);
        needed.AddRange(Enum.GetNames<ApprovalResult>().Select(r => "Result." + r));
        needed.AddRange(Enum.GetNames<ReferralTrack>().Select(t => "Track." + t));
        AssertNamed(needed);
    }

    /// <summary>Every step a page or a message can name: the policy's, and every value the domain gives a parameter or property named step.</summary>
    private static SortedSet<string> DomainSteps()
    {
        var source = DomainSource.Workflows;
        var expressions = source.MethodsTaking("step").SelectMany(m => source.Calls(m.Type, m.Method)).Select(c => c.GetValueOrDefault("step"))
            .Concat(new[] { "WorkflowStatus", "ApprovalRequest", "Notification" }.SelectMany(source.Initializers).Select(i => i.GetValueOrDefault("Step")))
            .OfType<ExpressionSyntax>();
        var steps = new SortedSet<string>(PolicySteps(), StringComparer.Ordinal);
        var built = new List<string>();
        foreach (var step in expressions.SelectMany(e => source.ValuesOf(e).Known).Where(s => !s.StartsWith("closed:", StringComparison.Ordinal)))
        {
            (step.Contains(DomainSource.Hole, StringComparison.Ordinal) ? built : (ICollection<string>)steps).Add(step);
        }

        Assert.True(built.Count == 0, "Steps built at run time, which no text can name: " + string.Join(", ", built));
        return steps;
    }

    private static IEnumerable<string> PolicySteps()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.Root, "workflows", "Policies", "default-policy.json")));
        return [.. policy.RootElement.GetProperty("workflows").EnumerateObject()
            .SelectMany(w => w.Value.TryGetProperty("steps", out var steps) ? steps.EnumerateObject().Select(s => s.Name) : [])];
    }

    /// <summary>The codes of the messages that state their code as the result: the outcomes of <c>FinishAsync</c> and every notification of such a kind.</summary>
    private static SortedSet<string> ResultCodes()
    {
        var source = DomainSource.Workflows;
        var sent = source.Calls("WorkflowSteps", "NotifyAsync").Concat(source.Calls("ApprovalRun", "NotifyAsync"))
            .Select(c => (Kind: c.GetValueOrDefault("kind"), Code: c.GetValueOrDefault("code")))
            .Concat(source.Initializers("Notification").Select(i => (Kind: i.GetValueOrDefault("Kind"), Code: i.GetValueOrDefault("Code"))))
            .Where(n => n.Kind is null || KindsOf(n.Kind) is var kinds && (kinds.Count == 0 || kinds.Overlaps(ResultKinds)))
            .Select(n => n.Code)
            .Concat(source.Calls("WorkflowSteps", "FinishAsync").Select(c => c.GetValueOrDefault("outcome")));
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in sent.OfType<ExpressionSyntax>().SelectMany(e => source.ValuesOf(e).Known))
        {
            codes.UnionWith(Completed(code));
        }

        return codes;
    }

    /// <summary>
    /// A message code completed at run time is completed by an approval's result (<c>"Renewal" + outcome.Result</c>):
    /// it stands for one code per result. A hole anywhere else is kept, and has no text.
    /// </summary>
    private static IEnumerable<string> Completed(string code) =>
        code.IndexOf(DomainSource.Hole, StringComparison.Ordinal) == code.Length - 1 ? Enum.GetNames<ApprovalResult>().Select(r => code[..^1] + r) : [code];

    private static HashSet<string> KindsOf(ExpressionSyntax kind) =>
        [.. kind.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Where(m => m.Expression.ToString().EndsWith(nameof(NotificationKind), StringComparison.Ordinal)).Select(m => m.Name.Identifier.Text)];

    /// <summary>
    /// The codes audit entries give as their reason (a sentence or ids are not codes): what the workflows record, the
    /// audit records the domain and the host write, the inputs whose code an activity audits, the reasons a channel
    /// cannot deliver or gives up, and the code of a decision notice handed over in person.
    /// </summary>
    private static SortedSet<string> AuditReasonCodes()
    {
        var workflows = DomainSource.Workflows;
        var functions = DomainSource.Functions;
        var reasons = new List<(DomainSource Source, ExpressionSyntax? Expression)>();
        reasons.AddRange(workflows.Calls("WorkflowSteps", "RecordAsync").Select(c => (workflows, c.GetValueOrDefault("reason"))));
        reasons.AddRange(workflows.Initializers("AuditRecord").Select(i => (workflows, i.GetValueOrDefault("Reason"))));
        reasons.AddRange(functions.Initializers("AuditRecord").Select(i => (functions, i.GetValueOrDefault("Reason"))));
        reasons.AddRange(workflows.Initializers("NotifyInput").Select(i => (workflows, i.GetValueOrDefault("Code"))));
        reasons.AddRange(new[] { "ReassignInput", "OpenTasksInput" }.SelectMany(workflows.Initializers).Select(i => (workflows, i.GetValueOrDefault("Reason"))));
        reasons.AddRange(functions.Calls("ChannelOutcome", "NotDeliverable").Select(c => (functions, c.GetValueOrDefault("reason"))));
        reasons.AddRange(functions.Creations("NotificationDeliveryException").Where(a => a.Count == 2).Select(a => (functions, (ExpressionSyntax?)a[0])));
        var codes = new SortedSet<string>(ResultCodes(), StringComparer.Ordinal);
        foreach (var (source, expression) in reasons.Where(r => r.Expression is not null))
        {
            codes.UnionWith(source.ValuesOf(expression!).Known.Where(v => Code().IsMatch(v)));
        }

        return codes;
    }

    /// <summary>A code has a name in one of the families the audit page tries; one completed at run time is named as a numbered family (<c>EscalationLevel{n}</c>) or per approval result.</summary>
    private static bool AuditReasonNamed(string code) =>
        code.EndsWith(DomainSource.Hole)
            ? (English.TryGetValue("AuditReason." + code[..^1], out var numbered) && numbered.Contains("{0}", StringComparison.Ordinal)) || Completed(code).All(AuditReasonNamed)
            : UiText.AuditReasonFamilies.Any(f => English.ContainsKey($"{f}.{code}"));

    private static void AssertMessageTexts(IEnumerable<string> keys)
    {
        var list = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = NotificationTexts.Languages
            .Select(l => (Language: l, Keys: list.Where(k => NotificationTexts.Default.Find(l, k) is null).ToList()))
            .Where(m => m.Keys.Count > 0)
            .Select(m => $"{m.Language}: {string.Join(", ", m.Keys)}")
            .ToList();
        Assert.True(missing.Count == 0, "No message text for:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    /// <summary>A code: one PascalCase word, possibly completed at run time at its end.</summary>
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*\0?$")]
    private static partial Regex Code();
}
