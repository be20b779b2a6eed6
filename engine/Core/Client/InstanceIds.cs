namespace Workflows.Engine.Client;

/// <summary>The rules an instance id must follow (they are storage keys).</summary>
public static class InstanceIds
{
    /// <summary>The longest allowed instance id.</summary>
    public const int MaxLength = 256;

    /// <summary>True when the id is usable: 1 to 256 characters, none of / \ # ? and no control characters.</summary>
    public static bool IsValid(string? instanceId) =>
        !string.IsNullOrWhiteSpace(instanceId)
        && instanceId.Length <= MaxLength
        && !instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>Throws <see cref="OrchestrationException"/> (InvalidArgument) when the id is not usable.</summary>
    public static void Validate(string? instanceId)
    {
        if (!IsValid(instanceId))
        {
            throw new OrchestrationException(
                OrchestrationErrorCode.InvalidArgument,
                $"Instance ids must be 1 to {MaxLength} characters without '/', '\\\\', '#', '?' or control characters.");
        }
    }
}
