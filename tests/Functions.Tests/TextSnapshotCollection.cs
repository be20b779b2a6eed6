using System.Collections;

namespace Workflows.Functions.Tests;

/// <summary>
/// A collection for in-memory exporters that keeps a text snapshot of each exported item at once
/// (exporters add from many threads, and the SDK may reuse a log record after export).
/// </summary>
public sealed class TextSnapshotCollection<T>(Func<T, string> describe) : ICollection<T>
{
    private readonly Lock _lock = new();
    private readonly List<string> _texts = [];

    /// <summary>The snapshots so far.</summary>
    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (_lock)
            {
                return [.. _texts];
            }
        }
    }

    public int Count => Texts.Count;

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        var text = describe(item);
        lock (_lock)
        {
            _texts.Add(text);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _texts.Clear();
        }
    }

    // The exporters only add; the items themselves are not kept.
    public bool Contains(T item) => false;

    public void CopyTo(T[] array, int arrayIndex)
    {
    }

    public bool Remove(T item) => false;

    public IEnumerator<T> GetEnumerator() => Enumerable.Empty<T>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
