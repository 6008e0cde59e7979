using System.Diagnostics;
using System.IO.Enumeration;

namespace Ovni.Encoding.Library;

/// <summary>
/// Walks the library roots and brings the queue up to date. A rescan compares each file's size and modification
/// time with one in-memory copy of the database's index and writes only the differences: unchanged files are
/// neither probed nor written (10,000 files rescan in well under 2 s). Hidden entries (Ovni's temporary folders and
/// quarantine among them) are never entered.
/// </summary>
internal sealed class LibraryScanner
{
    private readonly AutoEncodeOptions _options;
    private readonly HashSet<string> _extensions;
    private readonly GlobPattern[] _include, _exclude;

    internal LibraryScanner(AutoEncodeOptions options)
    {
        _options = options;
        _extensions = new HashSet<string>(options.Extensions.Select(e => e.StartsWith('.') ? e : "." + e), StringComparer.OrdinalIgnoreCase);
        _include = options.Include.Select(p => new GlobPattern(p)).ToArray();
        _exclude = options.Exclude.Select(p => new GlobPattern(p)).ToArray();
    }

    /// <summary>Scans every root and records new, changed and vanished files.</summary>
    internal ScanResult Scan(JobStore store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, (long Size, long Mtime, JobState State)> index = store.LoadIndex();
        Dictionary<string, (long Size, long Mtime)> outputs = store.LoadOutputs();
        var added = new List<ScannedFile>();
        var changed = new List<ScannedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int unchanged = 0;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (string root in _options.Roots.Select(r => Path.GetFullPath(r)))
        {
            foreach (ScannedFile file in Enumerate(root, folders))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // One file reached under two names (a linked folder, a second root, a hard link) is queued once.
                if (!files.Add(Identity(file.Path))) continue;
                seen.Add(file.Path);
                if (outputs.TryGetValue(file.Path, out var o) && o.Size == file.Size && o.Mtime == file.Mtime) continue;
                if (!index.TryGetValue(file.Path, out var known)) added.Add(file);
                else if (known.Size != file.Size || known.Mtime != file.Mtime)
                {
                    if (!JobStates.IsActive(known.State)) changed.Add(file);
                }
                else unchanged++;
            }
        }
        string[] roots = _options.Roots.Select(r => Path.GetFullPath(r).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToArray();
        var missing = index.Where(kv => !seen.Contains(kv.Key) && kv.Value.State is JobState.Pending or JobState.Failed or JobState.Skipped
                                        && roots.Any(r => kv.Key.StartsWith(r, StringComparison.Ordinal)))
            .Select(kv => kv.Key).ToList();
        if (added.Count + changed.Count + missing.Count > 0) store.ApplyScan(added, changed, missing);
        return new ScanResult(seen.Count, added.Count, changed.Count, missing.Count, unchanged, clock.Elapsed);
    }

    /// <summary>The scan entry of one file (for the watcher), or null when it is not a library file.</summary>
    internal ScannedFile? Describe(string path)
    {
        string full = Path.GetFullPath(path);
        string? root = _options.Roots.Select(r => Path.GetFullPath(r)).FirstOrDefault(r => full.StartsWith(r.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (root is null) return null;
        string relative = Path.GetRelativePath(root, full);
        if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'))) return null;
        if (!Wanted(relative, Path.GetExtension(full))) return null;
        FileInfo info = LinkedFile.Target(full);
        if (!info.Exists) return null;
        return new ScannedFile(full, root, info.Length, info.LastWriteTimeUtc.Ticks);
    }

    // A symbolic link is measured by the file it points to (a broken one as empty: its probe then says it is gone).
    private static ScannedFile Linked(string path, string root)
    {
        FileInfo target = LinkedFile.Target(path);
        return target.Exists ? new ScannedFile(path, root, target.Length, target.LastWriteTimeUtc.Ticks) : new ScannedFile(path, root, 0, 0);
    }

    // Device and inode where the platform gives them (Linux); elsewhere the path, so nothing is merged by mistake.
    private static string Identity(string path) => OperatingSystem.IsLinux() ? FileIdentity.Of(path) ?? path : path;

    /// <summary>
    /// The library files under <paramref name="root"/>. A linked folder is entered once, however many names lead to it:
    /// a link to a folder above it (a loop) made the scan queue the same files under a, a/loop/a, a/loop/loop/a, …
    /// </summary>
    private IEnumerable<ScannedFile> Enumerate(string root, HashSet<string> folders)
    {
        if (!Directory.Exists(root) || !folders.Add(Identity(root))) yield break;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var entries = new FileSystemEnumerable<ScannedFile>(root,
            (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) != 0 ? Linked(e.ToFullPath(), root)
                : new ScannedFile(e.ToFullPath(), root, e.Length, e.LastWriteTimeUtc.UtcTicks), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !e.FileName.StartsWith(".") && _extensions.Contains(Path.GetExtension(e.FileName).ToString()),
            ShouldRecursePredicate = (ref FileSystemEntry e) => !e.FileName.StartsWith(".") && folders.Add(Identity(e.ToFullPath())),
        };
        foreach (ScannedFile file in entries)
        {
            if (_include.Length == 0 && _exclude.Length == 0) { yield return file; continue; }
            if (Wanted(Path.GetRelativePath(root, file.Path), Path.GetExtension(file.Path))) yield return file;
        }
    }

    private bool Wanted(string relative, string extension)
    {
        if (!_extensions.Contains(extension)) return false;
        if (_include.Length > 0 && !_include.Any(g => g.IsMatch(relative))) return false;
        return !_exclude.Any(g => g.IsMatch(relative));
    }
}
