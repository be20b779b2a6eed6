using Workflows.People;

namespace Workflows.Approvals;

/// <summary>
/// The holders of a role found for a case. <see cref="WidenedTo"/> is set when the staff-gender rule left
/// nobody eligible nearer the case, so the holders at this wider level were taken;
/// <see cref="RuleUnmet"/> when holders exist but the rule left nobody eligible at any level.
/// </summary>
public sealed record RoleHolders(IReadOnlyList<Person> People, ScopeLevel? WidenedTo = null, bool RuleUnmet = false);
