using Azure.Data.Tables;

namespace Workflows.Engine.AzureStorage.Internal;

/// <summary>
/// Merges several index scans (each one partition, sorted newest first by row key) into one stream of
/// candidate rows, reading each partition page by page.
/// </summary>
internal sealed class IndexCandidates : IAsyncDisposable
{
    private readonly List<(IAsyncEnumerator<TableEntity> Rows, string Partition)> _sources = [];
    private readonly List<(TableEntity Row, int Source)> _heads = [];
    private bool _started;

    public IndexCandidates(TableClient table, IEnumerable<IndexScan> scans, int pageHint, CancellationToken cancellationToken)
    {
        foreach (var scan in scans)
        {
            _sources.Add((table.QueryAsync<TableEntity>(scan.Filter, maxPerPage: Math.Clamp(pageHint, 10, 1000), cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken), scan.Partition));
        }
    }

    /// <summary>The next candidate (smallest row key across partitions), or null at the end.</summary>
    public async Task<(TableEntity Row, string Partition)?> NextAsync()
    {
        if (!_started)
        {
            _started = true;

            // The first page of every partition is read at once; later pages as the merge needs them.
            var moved = await Task.WhenAll(_sources.Select(s => s.Rows.MoveNextAsync().AsTask())).ConfigureAwait(false);
            for (var i = 0; i < _sources.Count; i++)
            {
                if (moved[i])
                {
                    _heads.Add((_sources[i].Rows.Current, i));
                }
            }
        }

        if (_heads.Count == 0)
        {
            return null;
        }

        var best = 0;
        for (var i = 1; i < _heads.Count; i++)
        {
            if (string.CompareOrdinal(_heads[i].Row.RowKey, _heads[best].Row.RowKey) < 0)
            {
                best = i;
            }
        }

        var (row, source) = _heads[best];
        _heads.RemoveAt(best);
        await AdvanceAsync(source).ConfigureAwait(false);
        return (row, _sources[source].Partition);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (rows, _) in _sources)
        {
            await rows.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AdvanceAsync(int source)
    {
        if (await _sources[source].Rows.MoveNextAsync().ConfigureAwait(false))
        {
            _heads.Add((_sources[source].Rows.Current, source));
        }
    }
}
