using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Workflows.Functions.Resources;

namespace Workflows.Functions.Ui;

/// <summary>
/// The UI's texts in the current culture, and the names of domain codes (workflows, steps, roles,
/// statuses, reason codes, tiers, fields, validation errors). A code a deployment adds without a text
/// is shown as the code itself rather than as an empty label.
/// </summary>
public sealed partial class UiText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The text of <paramref name="key"/>.</summary>
    public string this[string key] => localizer[key];

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in.</summary>
    public string Format(string key, params object[] arguments) => localizer[key, arguments];

    /// <summary>True when the key has a text.</summary>
    public bool Has(string key) => !localizer[key].ResourceNotFound;

    /// <summary>The name of a code in a family (<c>Workflow</c>, <c>Role</c>...), or the code itself.</summary>
    public string Code(string family, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        var text = localizer[$"{family}.{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }

    public string Workflow(string? workflow) => Code("Workflow", workflow);

    public string Role(string? role) => Code("Role", role);

    public string Reason(string? code) => Code("Reason", code);

    public string Tier(Workflows.Cases.DataTier tier) => Code("Tier", tier.ToString());

    public string TaskStatus(Workflows.Approvals.ApprovalTaskStatus status) => Code("TaskStatus", status.ToString());

    public string Decision(Workflows.Approvals.DecisionKind kind) => Code("Decision", kind.ToString());

    public string RuntimeStatus(Workflows.Engine.OrchestrationRuntimeStatus status) => Code("RuntimeStatus", status.ToString());

    public string CaseStatus(string? status) => Code("CaseStatus", status);

    public string Field(string field) => Code("Field", field);

    /// <summary>
    /// A case section's name. Sections written once per child, adult, cycle or consent carry an id after their
    /// kind (<c>bestInterests-C1</c>, <c>progressReview-3</c>): the kind's name with the id.
    /// </summary>
    public string Section(string? name)
    {
        if (string.IsNullOrEmpty(name) || Has("Section." + name))
        {
            return Code("Section", name);
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Has("Section." + name[..dash])
            ? Format("Section.WithId", Code("Section", name[..dash]), name[(dash + 1)..])
            : name;
    }

    /// <summary>A step name; the custom status <c>closed:Outcome</c> reads as the outcome.</summary>
    public string Step(string? step)
    {
        if (string.IsNullOrEmpty(step))
        {
            return string.Empty;
        }

        return step.StartsWith("closed:", StringComparison.Ordinal)
            ? Format("Step.Closed", CaseStatus(step["closed:".Length..]))
            : Code("Step", step);
    }

    /// <summary>The families of texts an audit entry's reason may be a code of, in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> AuditReasonFamilies = ["AuditReason", "CaseStatus", "Result", "Tier"];

    /// <summary>
    /// An audit entry's reason: a code (<c>StatelessnessRiskFlagged</c>, an outcome, a tier) as its name, a numbered
    /// code (<c>EscalationLevel2</c>) as its family's text with the number, a list of codes (<c>Intelligence,Legal</c>)
    /// as their names; anything else (a sentence, ids) as written.
    /// </summary>
    public string AuditReason(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return string.Empty;
        }

        if (AuditReasonCode(reason) is { } named)
        {
            return named;
        }

        var parts = reason.Split(',');
        var names = parts.Length > 1 ? parts.Select(AuditReasonCode).ToList() : [];
        return names.Count > 0 && names.All(n => n is not null) ? string.Join(", ", names) : reason;
    }

    private string? AuditReasonCode(string code)
    {
        foreach (var family in AuditReasonFamilies)
        {
            var text = localizer[$"{family}.{code}"];
            if (!text.ResourceNotFound)
            {
                return text.Value;
            }
        }

        var digits = code.Length - code.AsSpan().TrimEnd("0123456789").Length;
        return digits > 0 && digits < code.Length && Has("AuditReason." + code[..^digits])
            ? Format("AuditReason." + code[..^digits], code[^digits..])
            : null;
    }

    /// <summary>
    /// The field of an error path without indices and container prefixes: <c>reasonCodes[1]</c> →
    /// <c>reasonCodes</c>, <c>attributes.riskLevel</c> → <c>riskLevel</c>, <c>members[0].memberRef</c> → <c>memberRef</c>.
    /// </summary>
    public static string FieldOf(string path)
    {
        var field = IndexFree(path);
        var dot = field.LastIndexOf('.');
        return dot < 0 ? field : field[(dot + 1)..];
    }

    /// <summary>A JSON property path without its array indexes: <c>members[0].memberRef</c> → <c>members.memberRef</c>.</summary>
    public static string IndexFree(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Index().Replace(path, string.Empty);
    }

    /// <summary>The field of a JSON property path in camelCase (case sections may be written in PascalCase).</summary>
    public static string CamelFieldOf(string path)
    {
        var field = FieldOf(path);
        return field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
    }

    /// <summary>A validation error in the current language, by field and stable code; the domain's English message when no text exists.</summary>
    public string Error(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var field = FieldOf(error.Field);
        var specific = localizer[$"Error.{field}.{error.Code}"];
        if (!specific.ResourceNotFound)
        {
            return specific.Value;
        }

        var general = localizer[$"Error.{error.Code}", Field(field)];
        return general.ResourceNotFound ? error.Message : general.Value;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
