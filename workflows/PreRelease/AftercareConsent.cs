namespace Workflows.PreRelease;

/// <summary>
/// Voluntary aftercare by an approved CSO: consented, never imposed, and kept apart from legal
/// supervision. A refusal or a withdrawal of consent is recorded neutrally and changes nothing else.
/// </summary>
public sealed record AftercareConsent
{
    public string? OrganisationId { get; init; }

    public bool Given { get; init; }

    /// <summary>The language of the session; an interpreter's use is recorded.</summary>
    public string? Language { get; init; }

    public bool InterpreterUsed { get; init; }

    public string? WhatWasExplained { get; init; }

    public bool RightToWithdrawExplained { get; init; }
}
