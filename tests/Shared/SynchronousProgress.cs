namespace Ovni.Testing;

/// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late for tests).</summary>
internal sealed class SynchronousProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
