using System.Globalization;

namespace Workflows;

/// <summary>
/// Safeguard 1 (non-discrimination): reasons are structured behavioural codes from the workflow's
/// catalogue; religion, ethnicity or nationality (or a proxy for them) can never be a reason code,
/// whatever a policy file says.
/// </summary>
public static class ReasonCodes
{
    private static readonly string[] ForbiddenTokens =
    [
        "relig", "faith", "belief", "prayer", "pray", "mosque", "church", "synagogue", "temple", "beard", "veil", "hijab", "niqab",
        "islam", "muslim", "salafi", "christian", "jewish", "ethnic", "race", "racial", "tribe", "tribal", "clan", "nationality",
        "national-origin", "citizenship", "foreign", "language-spoken", "skin",
    ];

    /// <summary>True when the code names (or stands for) religion, ethnicity or nationality.</summary>
    public static bool IsForbidden(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = code.ToLowerInvariant();
        var tokens = normalized.Split(['-', '.', '_', ':', ' '], StringSplitOptions.RemoveEmptyEntries);
        return ForbiddenTokens.Any(f => f.Contains('-', StringComparison.Ordinal) ? normalized.Contains(f, StringComparison.Ordinal) : tokens.Any(t => t.StartsWith(f, StringComparison.Ordinal)));
    }

    /// <summary>The codes of a catalogue a form or card may offer: every one the domain does not forbid.</summary>
    public static IReadOnlyList<string> Offerable(IEnumerable<string> catalogue) => [.. catalogue.Where(c => !IsForbidden(c))];

    /// <summary>Validates reason codes against the catalogue; field paths are <c>{field}[i]</c>.</summary>
    public static IEnumerable<FieldError> Validate(IReadOnlyList<string>? codes, IReadOnlyCollection<string> catalogue, string field, bool required)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (codes is null || codes.Count == 0)
        {
            if (required)
            {
                yield return new FieldError(field, ErrorCodes.Required, "At least one behavioural reason code is required.");
            }

            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            var code = codes[i];
            if (string.IsNullOrWhiteSpace(code))
            {
                yield return new FieldError(path, ErrorCodes.Required, "A reason code cannot be empty.");
            }
            else if (IsForbidden(code))
            {
                yield return new FieldError(path, ErrorCodes.ForbiddenReasonCode, "Religion, ethnicity or nationality can never be a reason; use a behavioural reason code.");
            }
            else if (!catalogue.Contains(code))
            {
                yield return new FieldError(path, ErrorCodes.UnknownReasonCode, $"'{code}' is not a reason code of this workflow.");
            }
            else if (!seen.Add(code))
            {
                yield return new FieldError(path, ErrorCodes.Duplicate, "The reason code is given twice.");
            }
        }
    }
}
