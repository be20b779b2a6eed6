using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Testing.Azurite;

/// <summary>
/// A real Azurite process on free loopback ports, started from the repository's pinned copy in
/// tools/azurite (installed with <c>npm ci</c> on first use). Data lives in memory, or in a folder
/// when one is given (so a restart keeps it).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known development account key of Azurite.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    private readonly string? _location;
    private readonly (string Certificate, string Key)? _tls;
    private Process? _process;
    private readonly StringBuilder _output = new();

    private AzuriteProcess(string? location, (string Certificate, string Key)? tls, int blobPort, int queuePort, int tablePort)
    {
        _location = location;
        _tls = tls;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port.</summary>
    public int TablePort { get; }

    /// <summary>A connection string for the Azure SDK clients.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobServiceUri};QueueEndpoint={QueueServiceUri};TableEndpoint={TableServiceUri};";

    /// <summary>The blob service URI of the development account.</summary>
    public Uri BlobServiceUri => new($"{Scheme}://127.0.0.1:{BlobPort}/{AccountName}");

    /// <summary>The queue service URI of the development account.</summary>
    public Uri QueueServiceUri => new($"{Scheme}://127.0.0.1:{QueuePort}/{AccountName}");

    /// <summary>The table service URI of the development account.</summary>
    public Uri TableServiceUri => new($"{Scheme}://127.0.0.1:{TablePort}/{AccountName}");

    private string Scheme => _tls is null ? "http" : "https";

    /// <summary>Whatever Azurite printed so far (for diagnosing a failed start).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts Azurite and waits until all three services answer. With <paramref name="location"/>,
    /// data is kept in that folder; otherwise in memory.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(location, null, FreePort(), FreePort(), FreePort());
        await azurite.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>
    /// Starts Azurite in memory over HTTPS (with the given PEM certificate and key) with basic OAuth:
    /// requests may then authenticate with bearer tokens, as with a managed identity in Azure. Basic
    /// OAuth checks a token's issuer, audience and lifetime, not its signature.
    /// </summary>
    public static async Task<AzuriteProcess> StartWithOAuthAsync(string certificatePemPath, string keyPemPath, CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(null, (certificatePemPath, keyPemPath), FreePort(), FreePort(), FreePort());
        await azurite.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>Kills the process (no graceful shutdown, like a crash).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the process again on the same ports (after <see cref="KillAsync"/>).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var tools = AzuriteInstallation.EnsureInstalled();
        var arguments = new List<string>
        {
            "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (_tls is { } tls)
        {
            arguments.AddRange(["--cert", tls.Certificate, "--key", tls.Key, "--oauth", "basic"]);
        }

        if (_location is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_location);
            arguments.AddRange(["--location", _location]);
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tools,
        };
        start.ArgumentList.Add(Path.Combine(tools, "node_modules", "azurite", "dist", "src", "azurite.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            await WaitForPortAsync(port, timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}: {Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Azurite did not listen on port {port} within 60 s: {Output}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
