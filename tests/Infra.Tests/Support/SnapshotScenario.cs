using System.Globalization;
using System.Text;

namespace Workflows.Infra.Tests.Support;

/// <summary>A set of parameters for main.bicep, written as a .bicepparam file for `bicep snapshot`.</summary>
public sealed record SnapshotScenario(string Name, IReadOnlyDictionary<string, object> Parameters)
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string TenantId = "00000000-0000-0000-0000-0000000000bb";
    public const string Location = "westeurope";
    public const string DeployingPrincipalId = "00000000-0000-0000-0000-0000000000cc";

    /// <summary>The defaults: public endpoints, no Teams bot, before the first `azd deploy`.</summary>
    public static SnapshotScenario Public { get; } = new("public", new Dictionary<string, object>
    {
        ["environmentName"] = "ci",
        ["location"] = Location,
        ["principalId"] = DeployingPrincipalId,
        ["graphSenderMailbox"] = "workflows@contoso.org",
        ["approvalLinkSigningKey"] = "test-signing-key",
        ["auditChainKey"] = "test-audit-chain-key",
        ["entraClientSecret"] = "test-client-secret",
    });

    /// <summary>Everything switched the other way: private networking, a Teams bot, an app already
    /// deployed, another task hub with six partitions, no deploying principal, a rotated audit chain key with
    /// the next one staged.</summary>
    public static SnapshotScenario Private { get; } = new("private", new Dictionary<string, object>
    {
        ["environmentName"] = "prod",
        ["location"] = Location,
        ["principalId"] = "",
        ["functionsExists"] = true,
        ["privateNetworking"] = true,
        ["taskHub"] = "casework",
        ["partitionCount"] = 6,
        ["auditRetentionDays"] = 3650,
        ["timerWakeupSchedule"] = "*/5 * * * *",
        ["notificationsChannel"] = "Outbox",
        ["graphSenderMailbox"] = "casework@contoso.org",
        ["teamsBotAppId"] = "00000000-0000-0000-0000-0000000000dd",
        ["teamsBotPassword"] = "test-bot-password",
        ["entraTenantId"] = "00000000-0000-0000-0000-0000000000ee",
        ["entraClientId"] = "00000000-0000-0000-0000-0000000000ff",
        ["customPublicBaseUrl"] = "https://workflows.example.org",
        ["directoryGroupRoles"] = """[{"groupId":"00000000-0000-0000-0000-000000000101","role":"programmeCoordinator","level":"Facility","scopeId":"almaty"},{"groupId":"00000000-0000-0000-0000-000000000102","role":"inspector","level":"Central"}]""",
        ["womenStaffGroupId"] = "00000000-0000-0000-0000-000000000103",
        ["approvalLinkSigningKey"] = "test-signing-key",
        ["auditChainKey"] = "test-audit-chain-key",
        ["auditChainKeyRotated"] = true,
        ["auditChainRetiredKeys"] = "test-retired-audit-chain-key",
        ["auditChainNextKeyStaged"] = true,
        ["auditChainNextKey"] = "test-next-audit-chain-key",
        ["entraClientSecret"] = "test-client-secret",
    });

    public string ToBicepParam(string usingPath)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"using '{usingPath.Replace('\\', '/')}'\n\n");
        foreach (var (name, value) in Parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"param {name} = {Literal(value)}\n");
        }

        return text.ToString();
    }

    public override string ToString() => Name;

    private static string Literal(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        string text => $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'",
        _ => throw new ArgumentException($"Unsupported parameter value {value}.", nameof(value)),
    };
}
