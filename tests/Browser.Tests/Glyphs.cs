using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>
/// Whether text really renders, not only whether the DOM holds it: a character for which no installed font
/// has a glyph is drawn as the missing-glyph box ("tofu"), the same picture for every such character. Each
/// character of a script on the page is drawn in the element's own font (canvas, same font fallback as the
/// page) and compared with a codepoint that no font has.
/// </summary>
public static class Glyphs
{
    // U+0378 is unassigned: every font lacks it, so it always draws the missing-glyph box.
    private const string Script = """
        ([selector, characters]) => {
          const style = getComputedStyle(document.querySelector(selector));
          const canvas = document.createElement('canvas');
          canvas.width = 48;
          canvas.height = 48;
          const g = canvas.getContext('2d', { willReadFrequently: true });
          g.font = `${style.fontWeight} 32px ${style.fontFamily}`;
          g.textBaseline = 'middle';
          const draw = c => { g.clearRect(0, 0, 48, 48); g.fillText(c, 4, 24); return g.getImageData(0, 0, 48, 48).data.join(); };
          const missing = draw('\u0378');
          return characters.filter(c => draw(c) === missing);
        }
        """;

    /// <summary>The characters of <paramref name="script"/> in the element's text that draw as the missing-glyph box (none when the script renders).</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(IPage page, string selector, Regex script)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(script);
        var text = await page.Locator(selector).First.InnerTextAsync();
        var characters = script.Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToArray();
        Assert.True(characters.Length > 0, $"{selector} holds no character of the script.");
        return await page.EvaluateAsync<string[]>(Script, new object[] { selector, characters });
    }

    /// <summary>The fonts Chromium drew the element's text with (DevTools protocol, CSS.getPlatformFontsForNode), for failure messages.</summary>
    public static async Task<string> PlatformFontsAsync(IPage page, string selector)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            await cdp.SendAsync("DOM.enable");
            await cdp.SendAsync("CSS.enable");
            var document = await cdp.SendAsync("DOM.getDocument");
            var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
            var node = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
            var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
            return string.Join(", ", fonts!.Value.GetProperty("fonts").EnumerateArray()
                .Select(f => $"{f.GetProperty("familyName").GetString()} ({f.GetProperty("glyphCount").GetDouble()} glyphs)"));
        }
        catch (PlaywrightException ex)
        {
            return "unknown (" + ex.Message + ")";
        }
        catch (JsonException ex)
        {
            return "unknown (" + ex.Message + ")";
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    /// <summary>Fails when a character of the script in the element draws as the missing-glyph box, naming the characters and the fonts used.</summary>
    public static async Task AssertRenderedAsync(IPage page, string selector, Regex script, string what)
    {
        var missing = await MissingAsync(page, selector, script);
        if (missing.Count > 0)
        {
            Assert.Fail($"{what}: {missing.Count} character(s) of {selector} draw as the missing-glyph box ({string.Concat(missing.Take(20))}); no installed font has them. "
                + $"Fonts used: {await PlatformFontsAsync(page, selector)}. Install a font for the script (CI: .ci/run installs fonts-wqy-microhei for Chinese).");
        }
    }
}
