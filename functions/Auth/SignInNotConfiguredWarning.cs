namespace Workflows.Functions.Auth;

/// <summary>Says once at start-up, in the log operators read, that sign-in is not configured and which settings to set.</summary>
public sealed partial class SignInNotConfiguredWarning(ILogger<SignInNotConfiguredWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Warn(logger, SignInNotConfiguredHandler.Detail);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Detail}")]
    private static partial void Warn(ILogger logger, string detail);
}
