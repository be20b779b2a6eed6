namespace Workflows.Approvals;

public sealed record DecisionResult(DecisionStatus Status, string? DecisionId = null, IReadOnlyList<FieldError>? Errors = null)
{
    public static DecisionResult Recorded(string id) => new(DecisionStatus.Recorded, id);

    public static DecisionResult AlreadyDecided { get; } = new(DecisionStatus.AlreadyDecided);

    public static DecisionResult NotEntitled { get; } = new(DecisionStatus.NotEntitled);

    public static DecisionResult NotFound { get; } = new(DecisionStatus.NotFound);

    public static DecisionResult Invalid(IReadOnlyList<FieldError> errors) => new(DecisionStatus.Invalid, null, errors);

    public static DecisionResult Invalid(string field, string code, string message) => Invalid([new FieldError(field, code, message)]);
}
