using System.Text.Json.Nodes;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>Reads Adaptive Cards in assertions.</summary>
public static class Cards
{
    public static IReadOnlyList<string> ExecuteVerbs(JsonObject card) =>
        card["actions"]!.AsArray().Where(a => (string?)a!["type"] == "Action.Execute").Select(a => (string)a!["verb"]!).ToList();

    public static string Text(JsonObject card) =>
        string.Join("\n", card["body"]!.AsArray().Where(b => (string?)b!["type"] == "TextBlock").Select(b => (string)b!["text"]!));

    public static bool HasCommentBox(JsonObject card) =>
        card["body"]!.AsArray().Any(b => (string?)b!["type"] == "Input.Text" && (string?)b["id"] == "comment");
}
