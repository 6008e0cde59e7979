// Captures log messages so tests can assert that a warning was given.
using Microsoft.Extensions.Logging;

namespace Ovni.Quality.Tests;

internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages) Messages.Add((logLevel, formatter(state, exception)));
    }
}
