using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Functions.Development;

/// <summary>
/// Starts the repository's pinned Azurite (tools/azurite) for a development run when the storage
/// setting is <c>UseDevelopmentStorage=true</c> and nothing answers on Azurite's ports. Data is kept
/// in the git-ignored <c>.azurite/</c> folder at the repository root; the process stops with the app.
/// </summary>
public sealed partial class LocalAzurite : IDisposable
{
    private static readonly int[] Ports = [10000, 10001, 10002];
    private readonly ILogger _logger;
    private Process? _process;

    private LocalAzurite(ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>The folder holding local development data (Azurite files, the development clock).</summary>
    public static string DataFolder(string contentRoot) => Path.Combine(RepositoryRoot(contentRoot), ".azurite");

    /// <summary>
    /// Ensures Azurite runs; returns the instance that owns the process (dispose to stop it), or null
    /// when an emulator already answered.
    /// </summary>
    public static async Task<LocalAzurite?> EnsureRunningAsync(string contentRoot, ILogger logger, CancellationToken cancellationToken)
    {
        if (await AllPortsAnswerAsync(cancellationToken).ConfigureAwait(false))
        {
            LogAlreadyRunning(logger);
            return null;
        }

        var tools = Path.Combine(RepositoryRoot(contentRoot), "tools", "azurite");
        if (!File.Exists(Path.Combine(tools, "package.json")))
        {
            throw new InvalidOperationException($"tools/azurite was not found next to {contentRoot}; start Azurite yourself or set Workflows:Storage:ConnectionString.");
        }

        var entry = Path.Combine(tools, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            LogInstalling(logger);
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], tools, cancellationToken).ConfigureAwait(false);
        }

        var azurite = new LocalAzurite(logger);
        var data = DataFolder(contentRoot);
        System.IO.Directory.CreateDirectory(data);
        azurite._process = StartNode(
            [entry, "--location", data, "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
             "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"],
            tools);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AllPortsAnswerAsync(cancellationToken).ConfigureAwait(false))
        {
            if (azurite._process.HasExited || DateTime.UtcNow > deadline)
            {
                azurite.Dispose();
                throw new InvalidOperationException("Azurite did not start on ports 10000-10002. Is another program using them?");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        LogStarted(logger, data);
        return azurite;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            LogStopped(_logger);
        }

        _process?.Dispose();
        _process = null;
    }

    private static string RepositoryRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }

    private static async Task<bool> AllPortsAnswerAsync(CancellationToken cancellationToken)
    {
        foreach (var port in Ports)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(1));
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    private static Process StartNode(IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new NodeMissingException(ex);
        }
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new NodeMissingException(ex);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var last = (await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no error output";
                throw new InvalidOperationException($"Could not install the local storage emulator: '{command} {string.Join(' ', arguments)}' in {workingDirectory} failed with exit code {process.ExitCode} ({last}). Check your network and npm, or set Workflows:Storage:ConnectionString to a running storage account.");
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Storage emulator already answering on ports 10000-10002; using it.")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Installing Azurite (npm ci in tools/azurite)...")]
    private static partial void LogInstalling(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Started Azurite on ports 10000-10002 with data in {Folder}.")]
    private static partial void LogStarted(ILogger logger, string folder);

    [LoggerMessage(4, LogLevel.Information, "Stopped Azurite.")]
    private static partial void LogStopped(ILogger logger);
}

/// <summary>Node.js is needed for the local storage emulator and is not installed.</summary>
public sealed class NodeMissingException(Exception inner)
    : Exception("Node.js is required to run the local storage emulator (Azurite): install Node.js 20 or later, or set Workflows:Storage:ConnectionString to a running storage account.", inner);
