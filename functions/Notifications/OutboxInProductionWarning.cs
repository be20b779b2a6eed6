namespace Workflows.Functions.Notifications;

/// <summary>Warns at start-up when a production host keeps notifications in the outbox instead of sending them.</summary>
internal sealed partial class OutboxInProductionWarning(ILogger<OutboxInProductionWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogOutbox(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "Workflows:Notifications:Channel is Outbox in Production: notifications are stored, not sent. Set it to Graph (with Workflows:Graph:SenderMailbox) to send mail.")]
    private static partial void LogOutbox(ILogger logger);
}
