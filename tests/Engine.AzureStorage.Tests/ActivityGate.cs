using Workflows.Engine.Hosting;

namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// The "Test.Gate" activity of one host: it holds every call until the gate opens (or the host stops),
/// so a test can make work be in flight at a chosen moment. Each host registers its own gate.
/// </summary>
internal sealed class ActivityGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Calls held at the gate right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public static ActivityGate Opened()
    {
        var gate = new ActivityGate();
        gate.Open();
        return gate;
    }

    public void Open() => _open.TrySetResult();

    /// <summary>The test orchestrations plus this host's "Test.Gate" activity.</summary>
    public Action<EngineBuilder> Register => engine =>
    {
        TestOrchestrations.Register(engine);
        engine.AddActivity<string, string>("Test.Gate", async (context, input) =>
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _open.Task.WaitAsync(context.CancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            return input;
        });
    };
}
