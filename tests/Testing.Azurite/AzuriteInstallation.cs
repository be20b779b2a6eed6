using System.Diagnostics;

namespace Workflows.Testing.Azurite;

/// <summary>Finds tools/azurite in the repository and runs <c>npm ci</c> there once if needed.</summary>
public static class AzuriteInstallation
{
    private static readonly Lock Gate = new();

    /// <summary>The tools/azurite folder, with Azurite installed.</summary>
    public static string EnsureInstalled()
    {
        var tools = FindToolsFolder();
        var entry = Path.Combine(tools, "node_modules", "azurite", "dist", "src", "azurite.js");
        lock (Gate)
        {
            if (File.Exists(entry))
            {
                return tools;
            }

            // Several test processes may start at once: one installs, the others wait on the lock file.
            using var installLock = AcquireFileLock(Path.Combine(tools, ".npm-ci.lock"));
            if (!File.Exists(entry))
            {
                RunNpmCi(tools);
            }
        }

        return File.Exists(entry) ? tools : throw new InvalidOperationException($"npm ci in {tools} did not install Azurite.");
    }

    private static string FindToolsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "azurite", "package.json");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new InvalidOperationException("tools/azurite/package.json was not found above " + AppContext.BaseDirectory);
    }

    private static void RunNpmCi(string tools)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js and npm are needed to run Azurite for the tests; install Node.js 20 or later.", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {tools} failed with exit code {process.ExitCode}: {stderr.Result}");
            }
        }
    }

    private static FileStream AcquireFileLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }
}
