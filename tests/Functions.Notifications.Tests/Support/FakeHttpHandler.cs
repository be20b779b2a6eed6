using System.Net;
using System.Text;

namespace Workflows.Functions.Notifications.Tests.Support;

/// <summary>
/// A local fake of remote services (Graph, the Bot Framework): answers requests with the first matching
/// route, records every request (with the fake clock's time when one is given), and lets a test wait for
/// the n-th request.
/// </summary>
public sealed class FakeHttpHandler(TimeProvider? clock = null) : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string PathPrefix, Func<RecordedRequest, int, HttpResponseMessage> Respond)> _routes = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Answers <paramref name="method"/> requests whose host+path starts with <paramref name="prefix"/>; the int is the route's call number (1-based).</summary>
    public FakeHttpHandler On(HttpMethod method, string prefix, Func<RecordedRequest, int, HttpResponseMessage> respond)
    {
        lock (_gate)
        {
            _routes.Add((method, prefix, respond));
        }

        return this;
    }

    public FakeHttpHandler On(HttpMethod method, string prefix, HttpStatusCode status, string? json = null) =>
        On(method, prefix, (_, _) => Json(status, json));

    public static HttpResponseMessage Json(HttpStatusCode status, string? json = null) =>
        new(status) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };

    public IReadOnlyList<RecordedRequest> To(string prefix) => Requests.Where(r => r.Target.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (Requests.Count < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            clock?.GetUtcNow() ?? DateTimeOffset.UtcNow);
        Func<RecordedRequest, int, HttpResponseMessage>? respond = null;
        var call = 0;
        lock (_gate)
        {
            _requests.Add(recorded);
            foreach (var route in _routes.Where(r => r.Method == request.Method && recorded.Target.StartsWith(r.PathPrefix, StringComparison.Ordinal)))
            {
                respond = route.Respond;
                call = _requests.Count(r => r.Method == route.Method && r.Target.StartsWith(route.PathPrefix, StringComparison.Ordinal));
                break;
            }
        }

        _arrived.Release();
        var response = respond?.Invoke(recorded, call) ?? new HttpResponseMessage(HttpStatusCode.NotFound);
        response.RequestMessage = request;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _arrived.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>One request the fake received; <see cref="Target"/> is host + path (no scheme, no query).</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body, DateTimeOffset At)
{
    public string Target => Uri.Host + Uri.AbsolutePath;
}
