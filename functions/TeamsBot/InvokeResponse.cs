using System.Text.Json.Nodes;

namespace Workflows.Functions.Teams;

/// <summary>The answer to an <c>adaptiveCard/action</c> invoke: a card, or an error with a code and message.</summary>
public static class InvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";

    public const string ErrorType = "application/vnd.microsoft.error";

    public static JsonObject Card(JsonObject card) => new() { ["statusCode"] = 200, ["type"] = CardType, ["value"] = card };

    public static JsonObject Error(int statusCode, string code, string message) =>
        new() { ["statusCode"] = statusCode, ["type"] = ErrorType, ["value"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
