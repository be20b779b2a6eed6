namespace Workflows.Engine.Client;

/// <summary>What makes an <see cref="InstanceCountQuery"/> valid; the message names the setting at fault.</summary>
internal static class InstanceCountRules
{
    /// <summary>The most buckets one count may ask for.</summary>
    public const int MaxBuckets = 1000;

    /// <summary>The longest completion-time range one count may cover (completions are indexed per day).</summary>
    public static readonly TimeSpan MaxCompletedRange = TimeSpan.FromDays(366);

    public static void Validate(InstanceCountQuery query)
    {
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            throw Invalid("To must be after From.");
        }

        if (query.Names is { Count: 0 })
        {
            throw Invalid("Names must list at least one name when given.");
        }

        if (!Enum.IsDefined(query.TimeField))
        {
            throw Invalid("TimeField must be Created or Completed.");
        }

        if (query.TimeField == InstanceTimeField.Completed)
        {
            if (query.From is not { } start || query.To is not { } end)
            {
                throw Invalid("From and To are required when counting by completion time.");
            }

            if (end - start > MaxCompletedRange)
            {
                throw Invalid($"A count by completion time covers at most {MaxCompletedRange.TotalDays:0} days.");
            }
        }

        if (query.BucketSize is { } size)
        {
            if (size <= TimeSpan.Zero)
            {
                throw Invalid("BucketSize must be positive.");
            }

            if (query.From is not { } start || query.To is not { } end)
            {
                throw Invalid("From and To are required with BucketSize.");
            }

            if ((end - start).Ticks / size.Ticks >= MaxBuckets)
            {
                throw Invalid($"BucketSize gives more than {MaxBuckets} buckets over the range.");
            }
        }
    }

    private static OrchestrationException Invalid(string message) => new(OrchestrationErrorCode.InvalidArgument, message);
}
