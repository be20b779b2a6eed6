using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Workflows.Functions.Notifications.Http;

/// <summary>
/// The retry pipeline of outgoing calls to Graph and the Bot Connector: up to 4 retries of 408, 429,
/// 5xx, network errors and timeouts, exponential backoff with jitter, and the server's
/// <c>Retry-After</c> when it sends one; each attempt times out after 30 seconds.
/// </summary>
public static class RetryPipelines
{
    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetryAttempts = 4;

    /// <summary>Builds the pipeline on <paramref name="time"/> (a fake clock in tests).</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(30))
            .Build();
    }

    /// <summary>A handler that runs requests through the pipeline (put it right above the transport).</summary>
    public static ResilienceHandler CreateHandler(TimeProvider time, HttpMessageHandler? inner = null)
    {
        var handler = new ResilienceHandler(Create(time));
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }
}
