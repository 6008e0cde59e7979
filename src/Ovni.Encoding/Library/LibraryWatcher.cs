using System.Collections.Concurrent;

namespace Ovni.Encoding.Library;

/// <summary>
/// Watch mode: file-system events name candidate files; each is queued only once its size and modification time
/// have stayed the same for <see cref="AutoEncodeOptions.StableFor"/> (a copy still in progress is left alone).
/// Events can be lost (buffer overflow, network shares), so the runner's periodic rescan stays the safety net.
/// </summary>
internal sealed class LibraryWatcher : IDisposable
{
    private readonly AutoEncodeOptions _options;
    private readonly LibraryScanner _scanner;
    private readonly JobStore _store;
    private readonly Action<AutoEncodeEvent> _emit;
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly ConcurrentDictionary<string, (long Size, long Mtime, DateTime Since)> _candidates = new(StringComparer.Ordinal);
    private readonly Func<DateTime> _clock;

    internal LibraryWatcher(AutoEncodeOptions options, LibraryScanner scanner, JobStore store, Action<AutoEncodeEvent> emit, Func<DateTime>? clock = null)
    {
        _options = options;
        _scanner = scanner;
        _store = store;
        _emit = emit;
        _clock = clock ?? (() => DateTime.UtcNow);
        foreach (string root in options.Roots)
        {
            var watcher = new FileSystemWatcher(Path.GetFullPath(root))
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.DirectoryName,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Created += (_, e) => Note(e.FullPath);
            watcher.Changed += (_, e) => Note(e.FullPath);
            watcher.Renamed += (_, e) => Note(e.FullPath);
            watcher.Error += (_, e) => _emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Log, Message = $"file watcher: {e.GetException().Message}; the periodic rescan will catch up" });
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Paths seen but not yet stable.</summary>
    internal int Waiting => _candidates.Count;

    internal void Note(string path)
    {
        if (Directory.Exists(path))
        {
            // A folder moved in: its files arrive without events of their own.
            foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)) Note(file);
            return;
        }
        _candidates.AddOrUpdate(path, _ => (-1, -1, _clock()), (_, old) => old);
    }

    /// <summary>Queues every candidate that has been stable long enough; called from the runner's loop.</summary>
    internal void Poll()
    {
        DateTime now = _clock();
        foreach (var (path, seen) in _candidates)
        {
            ScannedFile? file = _scanner.Describe(path);
            if (file is not ScannedFile f)
            {
                _candidates.TryRemove(path, out _);
                continue;
            }
            if (f.Size != seen.Size || f.Mtime != seen.Mtime)
            {
                _candidates[path] = (f.Size, f.Mtime, now); // still being written: start the stability clock again
                continue;
            }
            if (now - seen.Since < _options.StableFor) continue;
            _candidates.TryRemove(path, out _);
            if (_store.Upsert(f))
                _emit(new AutoEncodeEvent { Kind = AutoEncodeEventKind.Scanned, Path = path, Message = "new or changed file queued (watch)" });
        }
    }

    public void Dispose()
    {
        foreach (FileSystemWatcher watcher in _watchers) watcher.Dispose();
    }
}
