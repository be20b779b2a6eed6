using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Workflows.Functions.Configuration;

namespace Workflows.Functions.Tests;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("local-settings").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, LocalSettingsConfigurationExtensions.FileName);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Values_become_settings_with_double_underscores_as_section_separators()
    {
        var settings = LocalSettingsConfigurationExtensions.Read(Write("""
            { "IsEncrypted": false, "Values": { "Workflows__Storage__TaskHub": "local", "AZURE_CLIENT_ID": "abc", "Workflows__Engine__PartitionCount": 8 } }
            """));

        Assert.Equal("local", settings["Workflows:Storage:TaskHub"]);
        Assert.Equal("abc", settings["AZURE_CLIENT_ID"]);
        Assert.Equal("8", settings["Workflows:Engine:PartitionCount"]);
    }

    [Fact]
    public void Host_local_http_port_sets_the_url()
    {
        var settings = LocalSettingsConfigurationExtensions.Read(Write("""{ "Values": {}, "Host": { "LocalHttpPort": 7072 } }"""));
        Assert.Equal("http://localhost:7072", settings["urls"]);
    }

    [Fact]
    public void Encrypted_file_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalSettingsConfigurationExtensions.Read(Write("""{ "IsEncrypted": true, "Values": {} }""")));
        Assert.Contains("IsEncrypted", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Settings bound into options but documented under another name (the options class says "From ...").</summary>
    private static readonly HashSet<string> SetFromElsewhere = new(StringComparer.OrdinalIgnoreCase)
    {
        "Workflows:Notifications:DefaultLanguage", // from Workflows:DefaultLanguage
        "Workflows:Notifications:PublicBaseUrl", // from Workflows:PublicBaseUrl
    };

    /// <summary>Settings read directly by code outside the host's own files, and by Microsoft.Identity.Web.</summary>
    private static readonly string[] ReadElsewhere =
    [
        "Workflows:DefaultLanguage",
        "Workflows:Ui:FacilityIds",
        "AzureAd:Instance",
        "AzureAd:TenantId",
        "AzureAd:ClientId",
        "AzureAd:ClientSecret",
    ];

    /// <summary>Every setting the app reads: the properties of each options class under its section, and the settings read directly.</summary>
    private static HashSet<string> SettingsTheAppReads()
    {
        var optionsTypes = typeof(HostSettings).Assembly.GetTypes().Append(typeof(Workflows.Engine.AzureStorage.AzureStorageOptions))
            .Select(t => (Type: t, Section: (t.GetField("Section") ?? t.GetField("SectionName"))?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null && t.Type.IsClass && !t.Type.IsAbstract)
            .ToList();
        Assert.True(optionsTypes.Count >= 7, $"Found only {optionsTypes.Count} options classes.");
        var keys = optionsTypes.SelectMany(t => Keys(t.Type, t.Section!)).Where(k => !SetFromElsewhere.Contains(k)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        keys.UnionWith(typeof(HostSettings).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!));
        keys.UnionWith(ReadElsewhere);
        return keys;
    }

    // What configuration binding can set: settable properties of convertible types, and the items of collections.
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property.CanWrite && IsSimple(propertyType))
            {
                yield return key;
            }
            else if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(IList<>))
            {
                var item = propertyType.GetGenericArguments()[0];
                foreach (var itemKey in IsSimple(item) ? [$"{key}:0"] : Keys(item, $"{key}:0"))
                {
                    yield return itemKey;
                }
            }
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(decimal);

    private static HashSet<string> SampleKeys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => p.Name.Replace("__", ":", StringComparison.Ordinal))
            .Where(k => k is not "//")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_sample_file_lists_every_setting_the_app_reads()
    {
        var missing = SettingsTheAppReads().Except(SampleKeys(), StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"local.settings.sample.json does not list: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_sample_file_lists_no_setting_the_app_does_not_read()
    {
        var unknown = SampleKeys().Except(SettingsTheAppReads(), StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, $"local.settings.sample.json lists settings nothing reads: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void A_null_value_documents_a_setting_without_setting_it()
    {
        var settings = LocalSettingsConfigurationExtensions.Read(Write("""{ "Values": { "Workflows__Storage__HostId": null, "Workflows__Storage__TaskHub": "local" } }"""));

        Assert.False(settings.ContainsKey("Workflows:Storage:HostId"));
        Assert.Equal("local", settings["Workflows:Storage:TaskHub"]);
    }

    [Fact]
    public void Environment_variables_override_local_settings_and_the_command_line_overrides_both()
    {
        // Names no other code reads, so the process-wide variables disturb nothing running alongside.
        var name = "WorkflowsSettingsTest" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(Path.Combine(_folder, LocalSettingsConfigurationExtensions.FileName), $$"""
            { "Values": { "{{name}}__FromFile": "file", "{{name}}__FromEnvironment": "file", "{{name}}__FromCommandLine": "file" } }
            """);
        Environment.SetEnvironmentVariable($"{name}__FromEnvironment", "environment");
        Environment.SetEnvironmentVariable($"{name}__FromCommandLine", "environment");
        try
        {
            var configuration = new ConfigurationBuilder().AddWorkflowsSettings(_folder, [$"--{name}:FromCommandLine=command-line"]).Build();

            Assert.Equal("file", configuration[$"{name}:FromFile"]);
            Assert.Equal("environment", configuration[$"{name}:FromEnvironment"]);
            Assert.Equal("command-line", configuration[$"{name}:FromCommandLine"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{name}__FromEnvironment", null);
            Environment.SetEnvironmentVariable($"{name}__FromCommandLine", null);
        }
    }
}
