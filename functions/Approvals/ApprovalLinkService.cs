using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflows.Approvals;
using Workflows.Functions.Configuration;
using Workflows.Storage;

namespace Workflows.Functions.Approvals;

/// <summary>
/// Issues and checks approval links. A token is 32 random bytes plus a truncated HMAC over them, so a
/// forged token is refused before any storage lookup; only the SHA-256 hash of the token is stored,
/// with the task, the approver, the expiry and when it was used. Links are built from the configured
/// public base URL, never from a request's Host header.
/// </summary>
public sealed class ApprovalLinkService : IApprovalLinks
{
    private const string DevelopmentKey = "development-only-approval-link-key-never-use-in-production";
    private readonly TableClient _table;
    private readonly IApprovalTaskStore _tasks;
    private readonly TimeProvider _time;
    private readonly ApprovalLinkOptions _options;
    private readonly string _baseUrl;
    private readonly byte[] _key;
    private volatile bool _created;

    /// <summary>Creates the service.</summary>
    public ApprovalLinkService(
        TableServiceClient tables,
        IOptions<WorkflowStorageOptions> storage,
        IApprovalTaskStore tasks,
        TimeProvider time,
        IOptions<ApprovalLinkOptions> options,
        IOptions<WorkflowsHostOptions> host,
        IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(environment);
        _table = tables.GetTableClient(storage.Value.TableName("ApprovalLinks"));
        _tasks = tasks;
        _time = time;
        _options = options.Value;
        _baseUrl = host.Value.PublicBaseUrl.TrimEnd('/');
        // ApprovalLinkOptionsValidator refuses to start without a key outside Development.
        var secret = string.IsNullOrEmpty(_options.SigningKey) && environment.IsDevelopment() ? DevelopmentKey : _options.SigningKey;
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Whether a signed-in session as the approver is also required.</summary>
    public bool RequireSignIn => _options.RequireSignIn;

    /// <inheritdoc />
    /// <remarks>
    /// A link never outlives its task: it expires at the earliest of <paramref name="expiresAt"/>, the
    /// configured lifetime and the task's due date (for a task still before its due date); a task that
    /// is closed or missing gets a link that is expired from the start, and every use checks that the
    /// task is still open.
    /// </remarks>
    public async Task<ApprovalLink> IssueAsync(string taskId, string approverId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var random = RandomNumberGenerator.GetBytes(32);
        var token = $"{Base64Url(random)}.{Base64Url(Sign(random))}";
        var now = _time.GetUtcNow();
        var task = await _tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _table.AddEntityAsync(
            new TableEntity(Hash(token), string.Empty)
            {
                ["TaskId"] = taskId,
                ["ApproverId"] = approverId,
                ["ExpiresAt"] = Expiry(task, now, expiresAt),
                ["CreatedAt"] = now,
            },
            cancellationToken).ConfigureAwait(false);
        var open = new Uri($"{_baseUrl}/approvals/{token}");
        return new ApprovalLink(open, new Uri($"{open}?decision=approve"), new Uri($"{open}?decision=reject"));
    }

    // An overdue task stays open (reminders and escalations follow, and may reassign it): a link issued
    // then is not cut at the past due date, and still dies with the task's closure.
    private DateTimeOffset Expiry(ApprovalTask? task, DateTimeOffset now, DateTimeOffset requested)
    {
        if (task is null || !task.IsOpen)
        {
            return now;
        }

        var expiry = requested < now + _options.Lifetime ? requested : now + _options.Lifetime;
        return task.Due > now && task.Due < expiry ? task.Due : expiry;
    }

    /// <summary>Checks a presented token; the task and approver come back only when it is valid.</summary>
    public async Task<(ApprovalLinkStatus Status, ApprovalTask? Task, string? ApproverId)> ResolveAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!HasValidSignature(token))
        {
            return (ApprovalLinkStatus.Invalid, null, null);
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Hash(token), string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is null)
        {
            return (ApprovalLinkStatus.Invalid, null, null);
        }

        var entity = row.Value;
        var approverId = entity.GetString("ApproverId");
        if (entity.GetDateTimeOffset("UsedAt") is not null)
        {
            return (ApprovalLinkStatus.Used, null, approverId);
        }

        if (entity.GetDateTimeOffset("ExpiresAt") is { } expires && expires <= _time.GetUtcNow())
        {
            return (ApprovalLinkStatus.Expired, null, approverId);
        }

        var task = await _tasks.GetAsync(entity.GetString("TaskId"), cancellationToken).ConfigureAwait(false);
        if (task is null || !task.IsOpen)
        {
            return (ApprovalLinkStatus.TaskClosed, task, approverId);
        }

        if (task.AssigneeId != approverId && task.DelegateId != approverId)
        {
            return (ApprovalLinkStatus.Reassigned, null, approverId);
        }

        return (ApprovalLinkStatus.Valid, task, approverId);
    }

    /// <summary>Marks the token used (once: a concurrent use loses the ETag race and gets false).</summary>
    public async Task<bool> MarkUsedAsync(string token, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Hash(token), string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is null || row.Value.GetDateTimeOffset("UsedAt") is not null)
        {
            return false;
        }

        var entity = row.Value;
        entity["UsedAt"] = _time.GetUtcNow();
        try
        {
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private bool HasValidSignature(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || !TryFromBase64Url(parts[0], out var random) || random.Length != 32 || !TryFromBase64Url(parts[1], out var signature))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(signature, Sign(random));
    }

    private byte[] Sign(byte[] random) => HMACSHA256.HashData(_key, random)[..16];

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length is 0 or > 64 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }
}
