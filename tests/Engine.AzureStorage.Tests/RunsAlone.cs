namespace Workflows.Engine.AzureStorage.Tests;

/// <summary>
/// Tests that run alone, after the others: long sequences of storage round trips (or processes
/// started and killed) that need the machine to themselves to finish in time.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
