using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Backend;
using Workflows.Engine.History;
using Workflows.Engine.Hosting;
using Workflows.Testing.Azurite;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>Two hosts working the same instance at once (a lost lease nobody noticed yet).</summary>
public sealed class SplitBrainTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_workers_on_one_instance_commit_exactly_one_checkpoint_per_episode()
    {
        var hub = AzureStorageHarness.NewTaskHub();
        await using var one = Node.Create(azurite.ConnectionString, hub);
        await using var two = Node.Create(azurite.ConnectionString, hub);
        var id = "split-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var executionId = Guid.NewGuid().ToString("N");
        var start = new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = executionId,
            MessageId = $"{id}:{executionId}:start",
            EnqueuedAt = now,
            Event = new ExecutionStartedEvent { Timestamp = now, Name = "Test.Chain", Version = string.Empty, InstanceId = id, ExecutionId = executionId, Input = "0" },
        };
        await one.Backend.CreateInstanceAsync(start, [], Ct);

        // Episode 1, twice at once: both schedule the first activity; one checkpoint wins.
        await RaceAsync(one, two, id, [start]);
        var history = await one.Backend.GetHistoryAsync(id, Ct);
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Single(history.OfType<TaskScheduledEvent>());

        // Episode 2, twice at once with the activity's result: one completion in history, one new step.
        var result = new OrchestrationMessage
        {
            InstanceId = id,
            ExecutionId = executionId,
            MessageId = $"{id}:{executionId}:0:result",
            EnqueuedAt = now,
            Event = new TaskCompletedEvent { TaskScheduledId = 0, Result = "1", Timestamp = now },
        };
        await RaceAsync(one, two, id, [result]);
        history = await one.Backend.GetHistoryAsync(id, Ct);
        Assert.Single(history.OfType<TaskCompletedEvent>());
        Assert.Equal([0, 1], history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
        Assert.Equal(history.Count, (await one.Backend.GetStateAsync(id, false, Ct))!.HistoryLength);
    }

    private static async Task RaceAsync(Node one, Node two, string id, IReadOnlyList<OrchestrationMessage> messages)
    {
        var first = await one.Backend.LockDetachedAsync(id, messages, Ct);
        var second = await two.Backend.LockDetachedAsync(id, messages, Ct);
        await Task.WhenAll(
            one.Worker.ProcessOrchestrationWorkItemAsync(first, Ct),
            two.Worker.ProcessOrchestrationWorkItemAsync(second, Ct));
        Assert.Equal(1, one.Recorder.Lost + two.Recorder.Lost);
        Assert.Equal(1, one.Recorder.Committed + two.Recorder.Committed);
        one.Recorder.Reset();
        two.Recorder.Reset();
    }

    private sealed class Node : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private Node(ServiceProvider services)
        {
            _services = services;
            Backend = services.GetRequiredService<AzureStorageOrchestrationBackend>();
            Recorder = services.GetRequiredService<RecordingBackend>();
            Worker = services.GetRequiredService<OrchestrationWorker>();
        }

        public AzureStorageOrchestrationBackend Backend { get; }

        public RecordingBackend Recorder { get; }

        public OrchestrationWorker Worker { get; }

        public static Node Create(string connectionString, string hub)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddOrchestrationEngine(e => TestOrchestrations.Register(e.UseAzureStorage(o =>
            {
                o.ConnectionString = connectionString;
                o.TaskHub = hub;
            })));
            services.AddSingleton(sp => new RecordingBackend(sp.GetRequiredService<AzureStorageOrchestrationBackend>()));
            services.AddSingleton<IOrchestrationBackend>(sp => sp.GetRequiredService<RecordingBackend>());
            return new Node(services.BuildServiceProvider());
        }

        public ValueTask DisposeAsync() => _services.DisposeAsync();
    }
}
