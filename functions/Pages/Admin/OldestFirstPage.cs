using Workflows.Engine;

namespace Workflows.Functions.Pages.Admin;

/// <summary>A page of the list oldest first.</summary>
/// <param name="Instances">The page, oldest first; null when the filter matches more than the listing's limit.</param>
/// <param name="NextToken">The next page's token, or null on the last page.</param>
/// <param name="Matching">How many instances the filter matches.</param>
public sealed record OldestFirstPage(IReadOnlyList<OrchestrationState>? Instances, string? NextToken, long Matching);
