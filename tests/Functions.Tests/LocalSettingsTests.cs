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

    [Fact]
    public void The_sample_file_lists_the_settings_the_host_reads()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json");
        var settings = LocalSettingsConfigurationExtensions.Read(sample);
        foreach (var key in new[] { "Workflows:Storage:ConnectionString", "Workflows:PublicBaseUrl", "Workflows:ApprovalLinks:SigningKey", "Workflows:Notifications:Channel", "AzureAd:TenantId" })
        {
            Assert.True(settings.ContainsKey(key), $"local.settings.sample.json does not document {key}");
        }
    }
}
