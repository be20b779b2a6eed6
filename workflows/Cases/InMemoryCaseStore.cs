namespace Workflows.Cases;

/// <summary>The in-memory twin of the case store.</summary>
public sealed class InMemoryCaseStore : ICaseStore
{
    private readonly Dictionary<string, CaseRecord> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(DataTier, string), List<CaseSection>>> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DocumentRef>> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> CreateAsync(CaseRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            return Task.FromResult(_cases.TryAdd(record.CaseId, record));
        }
    }

    public Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_cases.GetValueOrDefault(caseId));
        }
    }

    public Task UpdateAsync(string caseId, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _cases[caseId] = change(_cases.TryGetValue(caseId, out var existing) ? existing : throw new KeyNotFoundException($"No case '{caseId}'."));
        }

        return Task.CompletedTask;
    }

    public Task AddParticipantsAsync(string caseId, IEnumerable<CaseParticipant> participants, CancellationToken cancellationToken = default) =>
        UpdateAsync(caseId, c => c with { Participants = c.Participants.Concat(participants).Distinct().ToList() }, cancellationToken);

    public Task<CaseSection> WriteSectionAsync(string caseId, CaseSection section, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        lock (_gate)
        {
            if (!_sections.TryGetValue(caseId, out var map))
            {
                map = [];
                _sections[caseId] = map;
            }

            if (!map.TryGetValue((section.Tier, section.Name), out var versions))
            {
                versions = [];
                map[(section.Tier, section.Name)] = versions;
            }

            if (versions.Count > 0 && SectionVersions.SameData(versions[^1], section))
            {
                return Task.FromResult(versions[^1]);
            }

            var written = section with { Version = versions.Count + 1 };
            versions.Add(written);
            return Task.FromResult(written);
        }
    }

    public Task<IReadOnlyList<CaseSection>> ReadSectionsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CaseSection>>(_sections.TryGetValue(caseId, out var map) ? map.Values.Select(v => v[^1]).ToList() : []);
        }
    }

    public Task<IReadOnlyList<CaseSection>> ReadSectionHistoryAsync(string caseId, DataTier tier, string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CaseSection>>(_sections.TryGetValue(caseId, out var map) && map.TryGetValue((tier, name), out var versions) ? versions.ToList() : []);
        }
    }

    public Task AddDocumentAsync(string caseId, DocumentRef document, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(caseId, out var list))
            {
                list = [];
                _documents[caseId] = list;
            }

            if (!list.Any(d => d.DocumentId == document.DocumentId))
            {
                list.Add(document);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DocumentRef>> ListDocumentsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DocumentRef>>(_documents.TryGetValue(caseId, out var list) ? list.ToList() : []);
        }
    }
}
