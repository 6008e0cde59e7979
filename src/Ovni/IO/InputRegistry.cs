namespace Ovni.IO;

/// <summary>
/// Every file this process is reading (or has loaded and still holds) as an input: media readers, stream-copy
/// sources, caption files, overlay images. A writer asks it before it creates or replaces a file, so a path that
/// resolves to any input (through a symlink, a symlinked folder or a hard link) is refused, whoever opened it.
/// </summary>
internal static class InputRegistry
{
    private sealed class Entry(FileIdentity identity, string path, WeakReference? owner)
    {
        public FileIdentity Identity { get; } = identity;
        public string Path { get; } = path;
        public WeakReference? Owner { get; } = owner;
        public bool Released { get; set; }
        public bool IsLive => !Released && (Owner is null || Owner.IsAlive);
    }

    private sealed class Lease(Entry entry) : IDisposable
    {
        public void Dispose()
        {
            lock (s_gate) entry.Released = true;
        }
    }

    private static readonly Lock s_gate = new();
    private static readonly List<Entry> s_entries = [];

    /// <summary>Registers <paramref name="path"/> as an input until the returned lease is disposed.</summary>
    internal static IDisposable Hold(string path) =>
        FileIdentity.Of(path) is FileIdentity identity ? new Lease(Add(new Entry(identity, path, null))) : NoLease.Instance;

    /// <summary>Registers <paramref name="path"/> as an input for as long as <paramref name="owner"/> (what was loaded from it) lives.</summary>
    internal static void Remember(string path, object owner)
    {
        if (FileIdentity.Of(path) is FileIdentity identity) Add(new Entry(identity, path, new WeakReference(owner)));
    }

    /// <summary>The path of a live input that is the same file as <paramref name="identity"/>, or null.</summary>
    internal static string? FindInput(FileIdentity identity)
    {
        lock (s_gate)
        {
            s_entries.RemoveAll(e => !e.IsLive);
            return s_entries.Find(e => e.Identity == identity)?.Path;
        }
    }

    private static Entry Add(Entry entry)
    {
        lock (s_gate)
        {
            s_entries.RemoveAll(e => !e.IsLive);
            s_entries.Add(entry);
        }
        return entry;
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();
        public void Dispose() { }
    }
}
