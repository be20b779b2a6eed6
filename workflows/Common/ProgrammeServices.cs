using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows;

/// <summary>The intake and steering services of each workflow (registered by <see cref="ProgrammeWorkflowsServiceCollectionExtensions"/>).</summary>
internal static class ProgrammeServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<WorkflowEventSender>();
        services.TryAddSingleton<Referrals.ReferralService>();
        services.TryAddSingleton<CsoAccess.CsoAccessService>();
        services.TryAddSingleton<CsoAccess.CsoAssignmentService>();
        services.TryAddSingleton<PreRelease.PreReleaseService>();
        services.TryAddSingleton<Repatriation.RepatriationService>();
        services.TryAddSingleton<Complaints.ComplaintService>();
    }
}
