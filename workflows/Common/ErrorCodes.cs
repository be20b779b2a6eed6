namespace Workflows;

/// <summary>Stable validation error codes (the UI localises by code).</summary>
public static class ErrorCodes
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string ForbiddenReasonCode = "ForbiddenReasonCode";
    public const string UnknownReasonCode = "UnknownReasonCode";
    public const string UnknownValue = "UnknownValue";
    public const string OutOfRange = "OutOfRange";
    public const string NotAllowed = "NotAllowed";
    public const string Duplicate = "Duplicate";
    public const string TooSoon = "TooSoon";
}
