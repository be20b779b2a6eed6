using System.Text.Json;

namespace Workflows.Functions.Configuration;

/// <summary>
/// Reads a Functions-style <c>local.settings.json</c> (<c>{ "IsEncrypted": false, "Values": {...},
/// "Host": {...} }</c>) into configuration: <c>Values</c> keys become settings (a double underscore
/// separates sections, as in environment variables) and <c>Host:LocalHttpPort</c> sets the URL.
/// </summary>
public static class LocalSettingsConfigurationExtensions
{
    /// <summary>The file name, looked up in the content root.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>
    /// Adds the settings of <c>local.settings.json</c> at the repository root (where <c>azd</c>'s
    /// postprovision hook writes it) and then in the project folder (Functions' place for it, which wins).
    /// Environment variables added later override both.
    /// </summary>
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var repositoryRoot = System.IO.Directory.GetParent(Path.GetFullPath(contentRoot))?.FullName;
        if (repositoryRoot is not null && File.Exists(Path.Combine(repositoryRoot, "Workflows.sln")))
        {
            AddIfExists(builder, Path.Combine(repositoryRoot, FileName));
        }

        AddIfExists(builder, Path.Combine(contentRoot, FileName));
        return builder;
    }

    /// <summary>
    /// The host's settings sources over the defaults of <c>WebApplication.CreateBuilder</c>:
    /// <c>local.settings.json</c>, then environment variables, then the command line — each wins over
    /// the ones before it.
    /// </summary>
    public static IConfigurationBuilder AddWorkflowsSettings(this IConfigurationBuilder builder, string contentRoot, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddLocalSettings(contentRoot).AddEnvironmentVariables().AddCommandLine(args);
    }

    private static void AddIfExists(IConfigurationBuilder builder, string path)
    {
        if (File.Exists(path))
        {
            builder.AddInMemoryCollection(Read(path));
        }
    }

    /// <summary>Flattens the file into configuration key/value pairs.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var root = document.RootElement;
        if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException($"{path} is marked \"IsEncrypted\": true; this host reads plain settings only. Decrypt it or set the values as environment variables.");
        }

        if (root.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            // A null value documents a setting without setting it (the sample lists optional settings so).
            foreach (var value in values.EnumerateObject().Where(v => v.Value.ValueKind != JsonValueKind.Null))
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        if (root.TryGetProperty("Host", out var host) && host.TryGetProperty("LocalHttpPort", out var port) && port.TryGetInt32(out var number))
        {
            settings["urls"] = $"http://localhost:{number}";
        }

        return settings;
    }
}
