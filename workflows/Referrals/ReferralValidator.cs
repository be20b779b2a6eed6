using Workflows.People;

namespace Workflows.Referrals;

internal static class ReferralValidator
{
    public static readonly string[] Triggers = ["staffObservation", "intakeScreening", "courtRecommendation", "selfReferral", "reReferral"];
    public static readonly string[] Urgencies = ["Routine", "Urgent"];

    public static List<FieldError> Validate(ReferralRequest request, Facility? facility, IReadOnlyCollection<string> catalogue, DateOnly today)
    {
        var errors = new List<FieldError>();
        Intake.RequireId(errors, "prisonerId", request.PrisonerId);
        if (string.IsNullOrWhiteSpace(request.FacilityId))
        {
            errors.Add(new FieldError("facilityId", ErrorCodes.Required, "The facility is required."));
        }
        else if (facility is null || facility.Kind == FacilityKind.AdaptationCentre)
        {
            errors.Add(new FieldError("facilityId", ErrorCodes.UnknownValue, "No such prison."));
        }

        if (string.IsNullOrWhiteSpace(request.Trigger))
        {
            errors.Add(new FieldError("trigger", ErrorCodes.Required, "Say what triggered the referral."));
        }
        else if (!Triggers.Contains(request.Trigger))
        {
            errors.Add(new FieldError("trigger", ErrorCodes.UnknownValue, $"Use one of {string.Join(", ", Triggers)}."));
        }

        errors.AddRange(ReasonCodes.Validate(request.ReasonCodes, catalogue, "reasonCodes", required: true));
        Intake.RequireText(errors, "evidenceNarrative", request.EvidenceNarrative, 8000, "A referral without an evidence narrative is refused.");
        if (request.Urgency is not null && !Urgencies.Contains(request.Urgency))
        {
            errors.Add(new FieldError("urgency", ErrorCodes.UnknownValue, "Use Routine or Urgent."));
        }

        if (request.DateOfBirth is null)
        {
            errors.Add(new FieldError("dateOfBirth", ErrorCodes.Required, "The date of birth (exact or estimated) decides the juvenile pathway."));
        }
        else if (request.DateOfBirth > today || request.DateOfBirth < today.AddYears(-120))
        {
            errors.Add(new FieldError("dateOfBirth", ErrorCodes.OutOfRange, "The date of birth is not plausible."));
        }

        if (request.Sex is not null and not ("female" or "male"))
        {
            errors.Add(new FieldError("sex", ErrorCodes.UnknownValue, "Use female or male."));
        }

        Intake.ValidateLanguage(errors, "language", request.Language);
        Intake.ValidateAttachments(errors, request.Attachments);
        return errors;
    }
}
