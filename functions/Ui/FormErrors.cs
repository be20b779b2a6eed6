namespace Workflows.Functions.Ui;

/// <summary>
/// The errors of a submitted form, each tied to a field whose input has the field's name as its id, so
/// that the error summary links to the field and each field shows its own messages.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _items = [];

    /// <summary>Fields shown under another field's input (e.g. each member's reference under the members group).</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether there is any error.</summary>
    public bool Any => _items.Count > 0;

    /// <summary>The errors in the order they were added (field order of the form).</summary>
    public IReadOnlyList<(string Field, string Message)> Items => _items;

    /// <summary>Adds an error on <paramref name="field"/> (a field name, not a path with indices).</summary>
    public void Add(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        field = Aliases.GetValueOrDefault(field, field);
        if (!_items.Contains((field, message)))
        {
            _items.Add((field, message));
        }
    }

    /// <summary>Adds the domain's errors, localised, each on the field its path names.</summary>
    public void AddAll(IEnumerable<FieldError>? errors, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var error in errors ?? [])
        {
            Add(UiText.FieldOf(error.Field), text.Error(error));
        }
    }

    /// <summary>The messages on one field.</summary>
    public IEnumerable<string> For(string field) => _items.Where(i => i.Field == field).Select(i => i.Message);

    /// <summary>Whether a field has an error.</summary>
    public bool Has(string field) => _items.Any(i => i.Field == field);

    /// <summary>The <c>aria-describedby</c> value: the hint (when there is one) and the error (when there is one).</summary>
    public string? DescribedBy(string field, bool hint = false)
    {
        var ids = new List<string>();
        if (hint)
        {
            ids.Add(field + "-hint");
        }

        if (Has(field))
        {
            ids.Add(field + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
