using System.Text.Json.Nodes;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>Reads Adaptive Cards in assertions.</summary>
public static class Cards
{
    public static IReadOnlyList<string> ExecuteVerbs(JsonObject card) =>
        card["actions"]!.AsArray().Where(a => (string?)a!["type"] == "Action.Execute").Select(a => (string)a!["verb"]!).ToList();

    public static string Text(JsonObject card) =>
        string.Join("\n", card["body"]!.AsArray().Where(b => (string?)b!["type"] == "TextBlock").Select(b => (string)b!["text"]!));

    /// <summary>The card's facts (title, value), in order.</summary>
    public static IReadOnlyList<(string Title, string Value)> Facts(JsonObject card) =>
        card["body"]!.AsArray().Where(b => (string?)b!["type"] == "FactSet").SelectMany(b => b!["facts"]!.AsArray()).Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();

    public static bool HasCommentBox(JsonObject card) =>
        card["body"]!.AsArray().Any(b => (string?)b!["type"] == "Input.Text" && (string?)b["id"] == "comment");

    /// <summary>The reasons input (an <c>Input.ChoiceSet</c>), or null when the card has none.</summary>
    public static JsonObject? ReasonChoices(JsonObject card) =>
        card["body"]!.AsArray().FirstOrDefault(b => (string?)b!["type"] == "Input.ChoiceSet" && (string?)b["id"] == "reasonCodes")?.AsObject();

    /// <summary>The choices of the reasons input as (title, value).</summary>
    public static IReadOnlyList<(string Title, string Value)> Choices(JsonObject choiceSet) =>
        choiceSet["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["value"]!)).ToList();
}
