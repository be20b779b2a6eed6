using Workflows.Engine.Testing;

namespace Workflows.Engine.Tests;

/// <summary>Count queries the client refuses, each with a message that names the setting at fault.</summary>
public sealed class CountValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Invalid => new()
    {
        { "range backwards", "To must be after From" },
        { "completed without range", "From and To are required when counting by completion time" },
        { "completed over two years", "at most 366 days" },
        { "bucket without range", "From and To are required with BucketSize" },
        { "bucket of zero", "BucketSize must be positive" },
        { "too many buckets", "more than 1000 buckets" },
        { "empty names", "Names must list at least one name" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task CountInstancesAsync_InvalidQuery_RefusedNamingTheSetting(string @case, string message)
    {
        await using var host = OrchestrationTestHost.Create(_ => { });
        var query = @case switch
        {
            "range backwards" => new InstanceCountQuery { From = Start, To = Start },
            "completed without range" => new InstanceCountQuery { TimeField = InstanceTimeField.Completed, From = Start },
            "completed over two years" => new InstanceCountQuery { TimeField = InstanceTimeField.Completed, From = Start, To = Start.AddYears(2) },
            "bucket without range" => new InstanceCountQuery { BucketSize = TimeSpan.FromDays(1), From = Start },
            "bucket of zero" => new InstanceCountQuery { BucketSize = TimeSpan.Zero, From = Start, To = Start.AddDays(1) },
            "too many buckets" => new InstanceCountQuery { BucketSize = TimeSpan.FromMinutes(1), From = Start, To = Start.AddDays(1) },
            _ => new InstanceCountQuery { Names = [] },
        };

        var error = await Assert.ThrowsAsync<OrchestrationException>(() => host.Client.CountInstancesAsync(query));

        Assert.Equal(OrchestrationErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountInstancesAsync_ThirtyDailyBucketsOfAnEmptyStore_AcceptedAndEmpty()
    {
        await using var host = OrchestrationTestHost.Create(_ => { });

        var counts = await host.Client.CountInstancesAsync(new InstanceCountQuery { From = Start, To = Start.AddDays(30), BucketSize = TimeSpan.FromDays(1), ByName = true, ByStatus = true });

        Assert.Empty(counts);
    }
}
