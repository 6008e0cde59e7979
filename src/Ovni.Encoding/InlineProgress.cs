namespace Ovni.Encoding;

/// <summary>
/// Reports on the reporting thread, at once and in order. <see cref="Progress{T}"/> posts each report to the captured
/// synchronisation context or the thread pool, so a report made before the last can arrive after it (a chunked encode's
/// "joining" came after its "done").
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
