using System.Runtime.InteropServices;

namespace Workflows.Infra.Tests.Support;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package. NuGet does not keep the execute
/// bit for every user, so the binary is made executable (or copied somewhere it can be) before use.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(PrepareExecutable);

    public static bool IsSupportedPlatform =>
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.RunAsync(
            Executable.Value,
            arguments,
            workingDirectory,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });

    private static string PrepareExecutable()
    {
        var path = RepositoryPaths.BicepExecutable;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is missing at {path}; run dotnet restore.", path);
        }

        if (!OperatingSystem.IsLinux())
        {
            return path;
        }

        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & executable) == executable)
        {
            return path;
        }

        try
        {
            File.SetUnixFileMode(path, mode | executable);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            // The package folder belongs to another user: run a private copy instead.
            var copy = Path.Combine(Path.GetTempPath(), $"bicep-{Environment.UserName}-{Guid.NewGuid():N}");
            File.Copy(path, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return copy;
        }
    }
}
