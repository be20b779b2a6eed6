namespace Workflows.Approvals;

/// <summary>
/// The rules of a decision: a comment to reject or veto; structured reason codes whenever the decision
/// acts as a veto (a veto, or a rejection by a veto role); valid codes; conditions only where allowed;
/// attributes within the values the policy allows.
/// </summary>
internal static class DecisionValidator
{
    public const int MaxCommentLength = 4000;

    public static List<FieldError> Validate(DecisionCommand command, ApprovalTask task)
    {
        var errors = new List<FieldError>();
        var kind = command.Decision;
        var needsComment = kind is DecisionKind.Reject or DecisionKind.Veto or DecisionKind.ReturnForClarification;
        if (needsComment && string.IsNullOrWhiteSpace(command.Comment))
        {
            errors.Add(new FieldError("comment", ErrorCodes.Required, kind == DecisionKind.ReturnForClarification
                ? "Say what needs clarifying."
                : "A comment is required to reject or veto."));
        }

        if (command.Comment is { Length: > MaxCommentLength })
        {
            errors.Add(new FieldError("comment", ErrorCodes.TooLong, $"The comment is longer than {MaxCommentLength} characters."));
        }

        switch (kind)
        {
            case DecisionKind.Veto when !task.VetoAllowed:
                errors.Add(new FieldError("decision", ErrorCodes.NotAllowed, "Only a veto role can veto this step."));
                break;
            case DecisionKind.ApproveWithConditions when !task.AllowConditions:
                errors.Add(new FieldError("decision", ErrorCodes.NotAllowed, "This step does not take approval with conditions."));
                break;
            case DecisionKind.ApproveWithConditions when command.Conditions.Count == 0 || command.Conditions.Any(string.IsNullOrWhiteSpace):
                errors.Add(new FieldError("conditions", ErrorCodes.Required, "List each condition (with its legal basis)."));
                break;
            case DecisionKind.ReturnForClarification when !task.AllowClarification:
                errors.Add(new FieldError("decision", ErrorCodes.NotAllowed, "This step cannot be returned for clarification."));
                break;
        }

        // A rejection from a veto role's slot ends the step as a veto, so it carries a veto's reason codes.
        var actsAsVeto = kind == DecisionKind.Veto || (kind == DecisionKind.Reject && task.VetoAllowed);
        errors.AddRange(ReasonCodes.Validate(command.ReasonCodes, task.ReasonCatalogue, "reasonCodes", required: actsAsVeto));
        if (ApprovalOutcomeRule.IsApproval(kind))
        {
            foreach (var attribute in task.RequiredAttributes.Where(a => !command.Attributes.TryGetValue(a, out var v) || string.IsNullOrWhiteSpace(v)))
            {
                errors.Add(new FieldError($"attributes.{attribute}", ErrorCodes.Required, $"This step records '{attribute}' with an approval."));
            }
        }

        foreach (var (key, value) in command.Attributes)
        {
            if (value is { Length: > 200 })
            {
                errors.Add(new FieldError($"attributes.{key}", ErrorCodes.TooLong, "Attributes are short codes or references."));
            }
            else if (task.AttributeValues.TryGetValue(key, out var allowed) && !allowed.Contains(value, StringComparer.Ordinal) && !string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new FieldError($"attributes.{key}", ErrorCodes.UnknownValue, $"Use one of: {string.Join(", ", allowed)}."));
            }
        }

        return errors;
    }
}
