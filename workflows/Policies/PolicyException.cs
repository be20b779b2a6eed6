namespace Workflows.Policies;

/// <summary>A policy file is invalid; the message names the bad entry (e.g. <c>policies.referral.steps.x.deadline: ...</c>).</summary>
public sealed class PolicyException : Exception
{
    public PolicyException()
    {
    }

    public PolicyException(string message)
        : base(message)
    {
    }

    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
