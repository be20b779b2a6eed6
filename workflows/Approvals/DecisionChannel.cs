namespace Workflows.Approvals;

public enum DecisionChannel
{
    Web,
    Email,
    Teams,
    Api,
}
