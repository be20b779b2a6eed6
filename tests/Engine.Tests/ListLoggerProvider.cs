using Microsoft.Extensions.Logging;

namespace Workflows.Engine.Tests;

/// <summary>Collects formatted log lines (and their exceptions) for assertions.</summary>
internal sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.Message));
            }
        }
    }
}
