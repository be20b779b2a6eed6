using System.Resources;
using Workflows.Functions.Notifications;
using Workflows.Functions.Resources;

namespace Workflows.Functions.Teams;

/// <summary>
/// The names of behavioural reason codes on a card, in the card's language rather than the request's:
/// the UI's texts (<c>Reason.{code}</c>), so a reason reads the same in Teams as on the web; the code
/// itself when a deployment adds one without a text.
/// </summary>
public static class ReasonCodeNames
{
    private static readonly ResourceManager Texts = new(typeof(SharedResource));

    /// <summary>The name of <paramref name="code"/> in <paramref name="language"/>.</summary>
    public static string Name(string code, string language)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Texts.GetString("Reason." + code, NotificationTexts.Culture(language)) is { Length: > 0 } name ? name : code;
    }
}
