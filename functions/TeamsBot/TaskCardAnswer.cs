namespace Workflows.Functions.Teams;

/// <summary>
/// What an approver sent with a refused card action: the card shows it again, with each error next to
/// the input it concerns, so nothing typed or chosen is lost.
/// </summary>
/// <param name="Comment">The comment typed.</param>
/// <param name="ReasonCodes">The reason codes chosen.</param>
/// <param name="Errors">Why the decision was refused.</param>
public sealed record TaskCardAnswer(string? Comment, IReadOnlyList<string> ReasonCodes, IReadOnlyList<FieldError> Errors);
