namespace Workflows.Functions.Ui;

/// <summary>A labelled text input or text area with its hint and errors (rendered by the <c>_TextField</c> partial).</summary>
/// <param name="Errors">The form's errors.</param>
/// <param name="Field">The field name: the input's id, the text keys <c>Field.{Field}</c> and <c>Hint.{Field}</c>.</param>
/// <param name="Name">The form name the page model binds.</param>
/// <param name="Value">The current value.</param>
/// <param name="Required">Whether the field is required (HTML5 <c>required</c>).</param>
/// <param name="MaxLength">The <c>maxlength</c>.</param>
/// <param name="Rows">Rows of a text area; 0 for a one-line input.</param>
/// <param name="Hint">Whether the field has a hint text.</param>
/// <param name="Type">The input type of a one-line input.</param>
/// <param name="Pattern">An HTML5 pattern.</param>
public sealed record TextField(FormErrors Errors, string Field, string Name, string? Value, bool Required = false, int MaxLength = 200, int Rows = 0, bool Hint = false, string Type = "text", string? Pattern = null);
