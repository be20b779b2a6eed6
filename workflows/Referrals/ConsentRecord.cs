namespace Workflows.Referrals;

/// <summary>What the information and consent session recorded (safeguard 4).</summary>
public sealed record ConsentRecord
{
    public bool Given { get; init; }

    /// <summary>The language the session was held in.</summary>
    public string? Language { get; init; }

    public bool InterpreterUsed { get; init; }

    /// <summary>What was explained (programme content, duration, what data is kept).</summary>
    public string? WhatWasExplained { get; init; }

    public bool LimitsOfConfidentialityExplained { get; init; }

    public bool RightToWithdrawExplained { get; init; }

    /// <summary>Faith-based content needs its own opt-in.</summary>
    public bool FaithBasedContentOptIn { get; init; }

    /// <summary>Juveniles: the guardian's consent.</summary>
    public bool? GuardianConsent { get; init; }

    /// <summary>Juveniles: the child's views, recorded.</summary>
    public string? ChildViews { get; init; }
}
