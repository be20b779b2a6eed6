namespace Workflows.Referrals;

/// <summary>A referral to a disengagement programme as submitted (JSON from the host; field names are the error paths).</summary>
public sealed record ReferralRequest
{
    public string? PrisonerId { get; init; }

    public string? FacilityId { get; init; }

    /// <summary>staffObservation, intakeScreening, courtRecommendation, selfReferral or reReferral.</summary>
    public string? Trigger { get; init; }

    public IReadOnlyList<string>? ReasonCodes { get; init; }

    /// <summary>Required: a referral without evidence is refused (safeguard 1).</summary>
    public string? EvidenceNarrative { get; init; }

    /// <summary>Routine (default) or Urgent.</summary>
    public string? Urgency { get; init; }

    /// <summary>Exact or estimated; a child takes the juvenile pathway (safeguard 8).</summary>
    public DateOnly? DateOfBirth { get; init; }

    public bool DateOfBirthEstimated { get; init; }

    /// <summary>female or male; a female prisoner takes the women's track (safeguard 7).</summary>
    public string? Sex { get; init; }

    /// <summary>A language the prisoner understands, for decision notices.</summary>
    public string? Language { get; init; }

    public bool InterpreterNeeded { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>Makes a repeated submission idempotent.</summary>
    public string? ClientRequestId { get; init; }
}
