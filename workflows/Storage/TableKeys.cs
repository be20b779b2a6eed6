using System.Text;

namespace Workflows.Storage;

/// <summary>Makes arbitrary ids safe as table keys (no / \ # ? or control characters).</summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(c => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
