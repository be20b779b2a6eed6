using Microsoft.Extensions.Hosting.Internal;
using Workflows.Functions.Audit;

namespace Workflows.Functions.Tests;

/// <summary>The audit chain key is required outside Development, and a short one is refused everywhere.</summary>
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
}
