// Writes the library's Debug lines (a probe's encode / decode-and-score breakdown) to the console, for the profile.
using Microsoft.Extensions.Logging;

namespace Ovni.TargetQualityBench;

internal sealed class ConsoleDebugLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Console.WriteLine($"    [{logLevel}] {formatter(state, exception)}");
    }
}
