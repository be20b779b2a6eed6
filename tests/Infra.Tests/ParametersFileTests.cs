using System.Text.Json.Nodes;
using Workflows.Infra.Tests.Support;

namespace Workflows.Infra.Tests;

/// <summary>infra/main.parameters.json: how azd fills main.bicep's parameters from its environment.</summary>
public sealed class ParametersFileTests(InfraFixture fixture)
{
    private static readonly JsonObject ParametersFile = JsonNode.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("functionsExists", "${SERVICE_FUNCTIONS_RESOURCE_EXISTS=false}")]
    public void AzdValues_AreMapped(string parameter, string value)
    {
        Assert.Equal(value, ParametersFile[parameter]!.Text("value"));
    }

    [Fact]
    public void EveryMappedParameter_ExistsInTheTemplate()
    {
        var declared = Declared();

        Assert.All(ParametersFile, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"{parameter.Key} is not a parameter of main.bicep"));
    }

    [Fact]
    public void EveryRequiredParameter_IsMapped()
    {
        var required = Declared().Where(parameter => parameter.Value!["defaultValue"] is null).Select(parameter => parameter.Key);

        Assert.All(required, name => Assert.True(ParametersFile.ContainsKey(name), $"{name} has no default and no mapping"));
    }

    [Fact]
    public void SecureParameters_ComeFromTheVaultOrAreGeneratedByAzd()
    {
        var secure = Declared()
            .Where(parameter => parameter.Value!.Text("type").StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(parameter => parameter.Key, parameter => ParametersFile[parameter.Key]!.Text("value"));
        var vaultSecrets = fixture.Private.OfType("Microsoft.KeyVault/vaults/secrets").Select(secret => secret.Text("name").Split('/')[^1]);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["approvalLinkSigningKey"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} approval-link-signing-key)",
                ["auditChainKey"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} audit-chain-key)",
                ["auditChainRetiredKeys"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} audit-chain-retired-keys)",
                ["auditChainNextKey"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} audit-chain-next-key)",
                ["entraClientSecret"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} entra-client-secret)",
                ["teamsBotPassword"] = "$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} teams-bot-password)",
            },
            secure);
        Assert.All(secure.Values, value => Assert.Contains(value.Split(' ')[^1].TrimEnd(')'), vaultSecrets));
    }

    private JsonObject Declared() => fixture.MainTemplate["parameters"]!.AsObject();
}
