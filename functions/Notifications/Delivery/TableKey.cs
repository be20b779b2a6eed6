using System.Security.Cryptography;
using System.Text;

namespace Workflows.Functions.Notifications.Delivery;

/// <summary>Table keys for notification rows: a fixed-length hash of a key, or an id made safe for keys.</summary>
internal static class TableKey
{
    /// <summary>The SHA-256 of the value, hex (64 characters): any length, any characters.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The id with characters tables refuse in keys (/ \ # ? %, control characters) escaped as %XX.</summary>
    public static string Safe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
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

    /// <summary>A row key that sorts newest first.</summary>
    public static string NewestFirst(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
