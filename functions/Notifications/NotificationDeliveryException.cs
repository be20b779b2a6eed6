using System.Net;
using Microsoft.Kiota.Abstractions;
using Polly.Timeout;

namespace Workflows.Functions.Notifications;

/// <summary>
/// A notification could not be delivered. The message holds a reason code and status only — never the
/// provider's message, which can contain addresses — so it is safe in logs and orchestration history.
/// </summary>
public sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException()
        : this("Unknown", transient: true)
    {
    }

    public NotificationDeliveryException(string message)
        : this(message, transient: true)
    {
    }

    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Transient = true;
    }

    public NotificationDeliveryException(string reason, bool transient)
        : base($"The notification could not be delivered ({reason}); {(transient ? "a later attempt may succeed" : "retrying will not help")}.")
    {
        Reason = reason;
        Transient = transient;
    }

    /// <summary>A short code: <c>Graph503</c>, <c>BotConnector403</c>, <c>Timeout</c>, <c>Network</c>, <c>NoAddress</c>...</summary>
    public string Reason { get; }

    /// <summary>True when another attempt may succeed (throttling, server errors, timeouts, network).</summary>
    public bool Transient { get; }

    /// <summary>True for statuses worth retrying: 408, 429 and 5xx.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>Classifies any exception from a send into a reason code and transience, dropping its message.</summary>
    public static NotificationDeliveryException From(Exception exception, string provider)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            NotificationDeliveryException known => known,
            ApiException api => new NotificationDeliveryException(provider + api.ResponseStatusCode, IsTransientStatus(api.ResponseStatusCode)),
            HttpRequestException { StatusCode: { } status } => new NotificationDeliveryException(provider + (int)status, IsTransientStatus((int)status)),
            HttpRequestException => new NotificationDeliveryException(provider + "Network", transient: true),
            TimeoutRejectedException or TaskCanceledException => new NotificationDeliveryException(provider + "Timeout", transient: true),
            _ => new NotificationDeliveryException(provider + exception.GetType().Name, transient: true),
        };
    }

    /// <summary>Throws for a failed HTTP response (after retries), with the provider's name and the status.</summary>
    public static void ThrowIfFailed(HttpResponseMessage response, string provider)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new NotificationDeliveryException(provider + status.ToString(System.Globalization.CultureInfo.InvariantCulture), IsTransientStatus(status) || response.StatusCode == HttpStatusCode.RequestTimeout);
        }
    }
}
