namespace Ovni.Encoding.Library;

/// <summary>
/// One runner per queue: an exclusive lock on "queue.db.lock" (flock on Unix, a share-none handle on Windows) that the
/// operating system drops when the process dies, even by kill -9, so the next start never waits for a stale lock.
/// </summary>
internal sealed class RunnerLock : IDisposable
{
    private readonly FileStream _stream;

    private RunnerLock(FileStream stream) => _stream = stream;

    internal static RunnerLock Acquire(string databasePath)
    {
        string path = databasePath + ".lock";
        try
        {
            return new RunnerLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new OvniException($"Another `ovni auto-encode` is already working on the queue '{databasePath}' ({e.Message}). " +
                                    "Use `ovni queue pause` to stop it, or give this run another --db.", e) { FilePath = databasePath };
        }
    }

    public void Dispose() => _stream.Dispose();
}
