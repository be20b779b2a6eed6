namespace Workflows.Cases;

/// <summary>What the case stores share about section versions.</summary>
internal static class SectionVersions
{
    /// <summary>Whether a write repeats the current version's data (a retried activity): then no version is added.</summary>
    public static bool SameData(CaseSection current, CaseSection written) =>
        string.Equals(current.Data.GetRawText(), written.Data.GetRawText(), StringComparison.Ordinal);
}
