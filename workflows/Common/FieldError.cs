namespace Workflows;

/// <summary>
/// One validation failure: the field path in camelCase JSON form (<c>reasonCodes[1]</c>,
/// <c>evidenceNarrative</c>), a stable code the UI localises (see <see cref="ErrorCodes"/>), and an English message.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message);
