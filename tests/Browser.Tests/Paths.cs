namespace Workflows.Browser.Tests;

/// <summary>Where the repository and the test artifacts are.</summary>
public static class Paths
{
    /// <summary>The repository root (the folder holding Workflows.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>TestResults/screenshots at the repository root (ignored by git).</summary>
    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
    }
}
