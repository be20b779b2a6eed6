using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Workflows.Functions.Audit;

namespace Workflows.Functions.Tests;

/// <summary>The audit chain key is required outside Development, a short one is refused everywhere, and retired keys are checked and held.</summary>
public sealed class AuditChainOptionsValidatorTests
{
    private static AuditChainOptionsValidator In(string environment) => new(new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void A_missing_key_outside_development_fails_naming_the_setting()
    {
        var result = In("Production").Validate(null, new AuditChainOptions());

        Assert.True(result.Failed);
        Assert.Contains("Workflows:Audit:ChainKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_in_development_is_allowed()
    {
        Assert.True(In("Development").Validate(null, new AuditChainOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void A_short_key_fails_naming_the_setting(string environment)
    {
        var result = In(environment).Validate(null, new AuditChainOptions { ChainKey = "short-key" });

        Assert.True(result.Failed);
        Assert.Contains("Workflows:Audit:ChainKey is too short", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_enough_key_is_accepted()
    {
        Assert.True(In("Production").Validate(null, new AuditChainOptions { ChainKey = new string('k', 32) }).Succeeded);
    }

    [Fact]
    public void Retired_keys_are_read_oldest_first_whatever_separates_them()
    {
        var options = new AuditChainOptions { RetiredChainKeys = " first-key-of-thirty-two-characters!,\nsecond-key-of-thirty-two-characters\r\n" };

        Assert.Equal(["first-key-of-thirty-two-characters!", "second-key-of-thirty-two-characters"], options.RetiredKeys());
    }

    [Fact]
    public void A_short_retired_key_fails_naming_its_position_not_its_value()
    {
        var result = In("Production").Validate(null, new AuditChainOptions { ChainKey = new string('k', 32), RetiredChainKeys = new string('r', 32) + " short-secret" });

        Assert.True(result.Failed);
        Assert.Contains("Workflows:Audit:RetiredChainKeys: key 2 is shorter", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_key_given_as_retired_too_fails()
    {
        var key = new string('k', 32);

        var result = In("Production").Validate(null, new AuditChainOptions { ChainKey = key, RetiredChainKeys = key });

        Assert.True(result.Failed);
        Assert.Contains("key 1 is given twice or is also the current Workflows:Audit:ChainKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Retired_keys_without_a_current_key_fail_even_in_development()
    {
        var result = In("Development").Validate(null, new AuditChainOptions { RetiredChainKeys = new string('r', 32) });

        Assert.True(result.Failed);
        Assert.Contains("Workflows:Audit:ChainKey is missing", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_seals_with_the_current_key_and_holds_the_retired_ones_oldest_first()
    {
        const string Old = "the-retired-audit-chain-key-0123456789abc";
        const string Current = "the-current-audit-chain-key-0123456789abc";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Audit:ChainKey"] = Current,
            ["Workflows:Audit:RetiredChainKeys"] = Old,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Production" });
        services.AddImmutableAuditLog(configuration);

        using var provider = services.BuildServiceProvider();
        var key = provider.GetRequiredService<Workflows.Audit.AuditChainKey>();

        Assert.Equal([Workflows.Audit.AuditChainKey.FromSecret(Old).Id, Workflows.Audit.AuditChainKey.FromSecret(Current).Id], key.KeyIds);
        Assert.Equal(Workflows.Audit.AuditChainKey.FromSecret(Current).Id, key.Id);
    }

    [Fact]
    public void A_next_key_that_is_the_current_one_fails_naming_the_setting()
    {
        var key = new string('k', 32);

        var result = In("Production").Validate(null, new AuditChainOptions { ChainKey = key, NextChainKey = key });

        Assert.True(result.Failed);
        Assert.Contains("Workflows:Audit:NextChainKey", result.FailureMessage, StringComparison.Ordinal);
    }
}
