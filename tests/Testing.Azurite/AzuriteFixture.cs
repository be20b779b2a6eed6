using Xunit;

namespace Workflows.Testing.Azurite;

/// <summary>
/// One Azurite per test assembly: register it with
/// <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c> and take it in test constructors. Set
/// <c>WORKFLOWS_TEST_STORAGE</c> to a connection string to use an Azurite you already run instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable that points tests at an existing storage emulator.</summary>
    public const string ExternalConnectionStringVariable = "WORKFLOWS_TEST_STORAGE";

    private AzuriteProcess? _process;

    /// <summary>The connection string of the storage the tests use.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The process, when this fixture started one (null when an external one is used).</summary>
    public AzuriteProcess? Process => _process;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _process = await AzuriteProcess.StartAsync().ConfigureAwait(false);
        ConnectionString = _process.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
