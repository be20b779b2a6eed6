namespace Workflows;

/// <summary>What an intake returns: the instance id and case reference, or the field errors.</summary>
public sealed record IntakeResult(IntakeStatus Status, string? InstanceId = null, string? CaseId = null, string? CaseReference = null, IReadOnlyList<FieldError>? Errors = null)
{
    public static IntakeResult Invalid(IReadOnlyList<FieldError> errors) => new(IntakeStatus.Invalid, Errors: errors);

    public static IntakeResult NotEntitled { get; } = new(IntakeStatus.NotEntitled);
}
