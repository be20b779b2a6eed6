using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Functions.Resources;
using Workflows.Functions.Ui;

namespace Workflows.Functions.Tests;

/// <summary>Codes read as words in the reader's language: audit reasons and the values of case sections; what is not a code stays as written.</summary>
public sealed class UiTextTests
{
    private static readonly UiText Text = new(new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    [Fact]
    public void AuditReason_ANumberedCode_ReadsAsItsFamilyWithTheNumber()
    {
        using var scope = new CultureScope("fr");

        Assert.Equal("Niveau d’escalade 2", Text.AuditReason("EscalationLevel2"));
    }

    [Fact]
    public void AuditReason_AListOfTiers_ReadsAsTheirNames()
    {
        using var scope = new CultureScope("en");

        Assert.Equal("Intelligence, Legal", Text.AuditReason("Intelligence,Legal"));
    }

    [Fact]
    public void AuditReason_AnOutcome_ReadsAsTheCaseStatus()
    {
        using var scope = new CultureScope("es");

        Assert.Equal("No admisible", Text.AuditReason("NotEligible"));
    }

    [Theory]
    [InlineData("Manifest proposed: 2 of 3")]
    [InlineData("Graph503")]
    [InlineData("Intelligence,somewhere")]
    public void AuditReason_NotACode_StaysAsWritten(string reason)
    {
        using var scope = new CultureScope("fr");

        Assert.Equal(reason, Text.AuditReason(reason));
    }

    [Theory]
    [InlineData("trigger", "\"staffObservation\"", "Observation du personnel")]
    [InlineData("reasonCodes", "\"propaganda-distribution\"", "Diffusion de propagande")]
    [InlineData("consent", "\"notGiven\"", "Non donné (sans réponse)")]
    [InlineData("result", "\"Vetoed\"", "Veto opposé")]
    [InlineData("estimated", "true", "Oui")]
    [InlineData("dateOfBirth", "\"1988-02-14\"", "14/02/1988")]
    public void Value_ACodedValue_ReadsAsItsText(string field, string json, string expected)
    {
        using var scope = new CultureScope("fr");

        Assert.Equal(expected, CaseFacts.Value(field, JsonDocument.Parse(json).RootElement, Text));
    }

    [Theory]
    [InlineData("evidenceNarrative", "\"staffObservation\"")]
    [InlineData("trigger", "\"a trigger a deployment added\"")]
    [InlineData("round", "2")]
    public void Value_FreeTextOrAnUnknownCode_StaysAsWritten(string field, string json)
    {
        using var scope = new CultureScope("fr");

        Assert.Equal(JsonDocument.Parse(json).RootElement.ToString(), CaseFacts.Value(field, JsonDocument.Parse(json).RootElement, Text));
    }

    /// <summary>Sets the culture and UI culture for one test, as the request culture does for a page.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }

    [Fact]
    public void Of_AReleasePlanContingency_LabelsItsTriggerAsAContingencyAndKeepsTheTextAsWritten()
    {
        using var scope = new CultureScope("en");
        var plan = JsonDocument.Parse("""{ "contingencyTriggers": [ { "trigger": "courtRecommendation", "response": "Case conference" } ] }""").RootElement;

        var facts = CaseFacts.Of(plan, Text);

        Assert.Contains(("Contingency trigger", "courtRecommendation"), facts);
    }

    [Fact]
    public void Of_AReferralTrigger_IsNamedByItsCode()
    {
        using var scope = new CultureScope("en");
        var referral = JsonDocument.Parse("""{ "trigger": "courtRecommendation" }""").RootElement;

        var (label, value) = Assert.Single(CaseFacts.Of(referral, Text));

        Assert.Equal("What triggered the referral", label);
        Assert.NotEqual("courtRecommendation", value);
    }
}
