using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>Partition assignment and the key formats of every table.</summary>
internal static class Keys
{
    /// <summary>The row key of an instance's state row (history rows start with "h|", so they sort first).</summary>
    public const string StateRowKey = "s";

    /// <summary>The stable partition of an instance: FNV-1a of its UTF-8 id, modulo the partition count.</summary>
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }

    public static string PartitionKey(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>History rows of one execution: <c>h|{executionId}|{row:D6}</c>.</summary>
    public static string HistoryRowKey(string executionId, int row) =>
        $"h|{executionId}|{row.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string HistoryRowPrefix(string executionId) => $"h|{executionId}|";

    /// <summary>Newest first: the row key starts with the inverted creation ticks.</summary>
    public static string IndexRowKey(DateTimeOffset createdAt, string instanceId) =>
        $"{InvertedTicks(createdAt)}|{instanceId}";

    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Timer rows sort by due time: <c>{dueTicks:D19}|{hash of the message id}</c>.</summary>
    public static string TimerRowKey(DateTimeOffset due, string messageId) =>
        $"{due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{Hash(messageId)}";

    public static string TimerUpperBound(DateTimeOffset now) =>
        (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 12));

    /// <summary>Makes any text usable inside a table key (no / \ # ? % or control characters).</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix + '\uffff';
}
