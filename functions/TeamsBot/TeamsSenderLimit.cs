using System.Threading.RateLimiting;
using Workflows.Functions.Configuration;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Teams;

/// <summary>
/// The per-sender limit of the messaging endpoint. Every Teams user's activities reach the bot from the
/// Bot Framework's few addresses, so a per-address limit cannot single out one user; once the channel's
/// token is checked the activity's sender (the Entra object id, else the Teams user id) is trustworthy and
/// is limited to <see cref="HostSettings.TeamsPerSenderPerMinute"/> activities a minute.
/// </summary>
public sealed class TeamsSenderLimit : IDisposable
{
    /// <summary>The default of <see cref="HostSettings.TeamsPerSenderPerMinute"/>: well above a person's clicks and card refreshes.</summary>
    public const int DefaultPerMinute = 120;

    private readonly PartitionedRateLimiter<string> _limiter;

    public TeamsSenderLimit(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var permits = configuration.GetValue(HostSettings.TeamsPerSenderPerMinute, DefaultPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(sender =>
            RateLimitPartition.GetSlidingWindowLimiter(sender, _ => RateLimits.PerMinute(permits)));
    }

    /// <summary>Takes one permit for the activity's sender; false when the sender is over the limit.</summary>
    public bool TryAcquire(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var sender = activity.From?.AadObjectId ?? activity.From?.Id ?? string.Empty;
        using var lease = _limiter.AttemptAcquire(sender);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
