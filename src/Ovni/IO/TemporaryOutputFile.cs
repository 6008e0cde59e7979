using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Ovni.Interop.FFmpeg;
using Ovni.Interop.Posix;
using Ovni.Interop;

namespace Ovni.IO;

/// <summary>
/// The file a writer fills before it becomes the user's output. On Linux it is anonymous (O_TMPFILE): it has no
/// name until <see cref="Commit"/> links it into the folder and renames it over the destination, so a run killed
/// at any moment (SIGKILL, power loss) leaves nothing. Where the file system cannot do that (NFS, FUSE, other
/// systems) it is a hidden file whose name carries the owner (<see cref="ProcessStamp"/>) and which the owner
/// keeps locked; <see cref="AbandonedFileSweeper"/> removes it on the next run in that folder if its owner died.
/// FFmpeg writes through <see cref="Url"/>, an explicit <c>file:</c> URL.
/// </summary>
internal sealed class TemporaryOutputFile : IDisposable
{
    internal const string Marker = ".ovni-";
    internal const string Suffix = ".partial";

    /// <summary>Named temporary files of this process, so a forced exit can still remove them.</summary>
    private static readonly ConcurrentDictionary<string, byte> s_named = new(StringComparer.Ordinal);

    private readonly string _destination;
    private int _descriptor = -1;           // O_TMPFILE: the only reference to the file until it is linked
    private FileStream? _lock;              // named file: held open (and flock-ed on Unix) for the owner's lifetime
    private string? _namedPath;
    private int _finished;

    private TemporaryOutputFile(string destination) => _destination = destination;

    /// <summary>The explicit <c>file:</c> URL FFmpeg opens (also to re-read the file for MP4 fast start).</summary>
    internal string Url { get; private set; } = "";

    /// <summary>True when the file has no name in the folder (a kill leaves nothing at all).</summary>
    internal bool IsAnonymous => _descriptor >= 0;

    /// <summary>The hidden file's path when the file system needed a named one; null when anonymous.</summary>
    internal string? NamedPath => _namedPath;

    /// <summary>Creates the temporary file in the destination's folder (same file system, so the final rename is atomic).</summary>
    /// <exception cref="IOException">The folder cannot hold a new file.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    /// <param name="destination">The output's full path.</param>
    /// <param name="allowAnonymous">False forces the named fallback (tests; OVNI_NO_TMPFILE=1 does the same for a process).</param>
    internal static TemporaryOutputFile Create(string destination, bool allowAnonymous = true)
    {
        var file = new TemporaryOutputFile(destination);
        if (!(allowAnonymous && file.TryCreateAnonymous())) file.CreateNamed();
        return file;
    }

    private unsafe bool TryCreateAnonymous()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OVNI_NO_TMPFILE") == "1") return false;
        string directory = Path.GetDirectoryName(_destination)!;
        byte[] dir = Utf8.ToNullTerminated(directory);
        int fd;
        fixed (byte* d = dir) fd = LibC.Open(d, LibC.OTmpFile | LibC.ORdWr | LibC.OCloExec, Convert.ToInt32("666", 8));
        // Not supported here (EOPNOTSUPP, EISDIR on old kernels), or a real refusal (EACCES, EROFS) that the named
        // path then reports in .NET's words.
        if (fd < 0) return false;
        string procPath = $"/proc/self/fd/{fd}";
        if (!File.Exists(procPath))
        {
            // Without /proc the file could never be given a name: use a named one instead.
            LibC.Close(fd);
            return false;
        }
        LibC.Flock(fd, LibC.LockExclusive | LibC.LockNonBlocking);
        _descriptor = fd;
        Url = "file:" + procPath;
        return true;
    }

    private void CreateNamed()
    {
        string path = Path.Combine(Path.GetDirectoryName(_destination)!, HiddenName(_destination));
        // FileShare.None takes an exclusive flock on Unix; FFmpeg's own descriptor is unaffected (advisory), while a
        // sweeper in another process sees the file is owned. Windows keeps FFmpeg able to open it.
        FileShare share = OperatingSystem.IsWindows() ? FileShare.ReadWrite | FileShare.Delete : FileShare.None;
        _lock = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, share, 1, FileOptions.None);
        _namedPath = path;
        s_named[path] = 0;
        Url = "file:" + path;
    }

    /// <summary>
    /// A hidden name in the destination's folder that says who owns it and stays within 255 bytes (the limit of
    /// ext4, XFS, Btrfs, NTFS, APFS) whatever the destination's name: at most 48 bytes of it are kept.
    /// </summary>
    internal static string HiddenName(string destination)
    {
        string stem = TruncateUtf8(Path.GetFileName(destination), 48);
        string random = Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
        return $".{stem}{Marker}{ProcessStamp.Current.Format()}-{random}{Suffix}";
    }

    internal static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var builder = new StringBuilder();
        int bytes = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>The temporary file's identity (it must never be one of the inputs).</summary>
    internal FileIdentity? Identity => _descriptor >= 0 ? FileIdentity.OfDescriptor(_descriptor) : _namedPath is null ? null : FileIdentity.Of(_namedPath);

    /// <summary>
    /// Makes the finished file the destination, atomically replacing what is there: flushed to disk, given a hidden
    /// name in the folder if it has none, checked by <paramref name="beforeReplace"/> (the last moment an input
    /// could have appeared at the destination), then renamed. Call after FFmpeg closed the file.
    /// </summary>
    internal unsafe void Commit(Action beforeReplace)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) throw new InvalidOperationException("The temporary file was already committed or discarded.");
        string? linked = null;
        try
        {
            if (_descriptor >= 0)
            {
                LibC.Fsync(_descriptor);
                linked = Path.Combine(Path.GetDirectoryName(_destination)!, HiddenName(_destination));
                s_named[linked] = 0;
                byte[] from = Utf8.ToNullTerminated($"/proc/self/fd/{_descriptor}");
                byte[] to = Utf8.ToNullTerminated(linked);
                int result;
                fixed (byte* f = from, t = to) result = LibC.LinkAt(LibC.AtFdCwd, f, LibC.AtFdCwd, t, LibC.AtSymlinkFollow);
                if (result != 0) throw new IOException($"Could not give the finished file a name in its folder (linkat errno {Marshal.GetLastPInvokeError()}).");
            }
            else
            {
                _lock!.Flush(flushToDisk: true);
                linked = _namedPath!;
            }
            beforeReplace();
            File.Move(linked, _destination, overwrite: true); // rename(2): the old file stays whole until this instant
            linked = null;
            SyncFolder();
        }
        finally
        {
            if (linked is not null) TryDelete(linked);
            Release();
        }
    }

    /// <summary>
    /// Removes a named temporary file's name now (safe while FFmpeg still writes to it on Unix: the data goes nowhere).
    /// The descriptor of an anonymous file stays open: FFmpeg may still open its /proc path, and a closed descriptor
    /// number could by then name another file. <see cref="Discard"/> releases it once FFmpeg is done.
    /// </summary>
    internal void DeleteName()
    {
        if (_namedPath is null || Volatile.Read(ref _finished) != 0) return;
        // Still registered: should FFmpeg create the name again, a forced exit deletes it too.
        try { File.Delete(_namedPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* Discard or the next run's sweeper */ }
    }

    /// <summary>Deletes the temporary file and releases it. Call only when no FFmpeg call can still open <see cref="Url"/>.</summary>
    internal void Discard()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return;
        if (_namedPath is not null) TryDelete(_namedPath);
        Release();
    }

    public void Dispose() => Discard();

    private void Release()
    {
        // Unlocked before the close: a process another thread is starting holds a copy of the descriptor from fork
        // until exec closes it (close-on-exec), and that copy would keep the flock (it belongs to the shared open file)
        // on the published file, where a reader's shared lock then fails as "used by another process". LOCK_UN through
        // any copy releases it for all of them. (.NET's FileStream, the named file's, already unlocks before closing.)
        int fd = Interlocked.Exchange(ref _descriptor, -1);
        if (fd >= 0)
        {
            LibC.Flock(fd, LibC.LockUnlock);
            LibC.Close(fd);
        }
        _lock?.Dispose();
        _lock = null;
        if (_namedPath is not null) s_named.TryRemove(_namedPath, out _);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the sweeper of the next run removes it */ }
        s_named.TryRemove(path, out _);
    }

    /// <summary>Makes the rename itself durable (the folder's entry), best effort.</summary>
    private unsafe void SyncFolder()
    {
        if (!OperatingSystem.IsLinux()) return;
        byte[] dir = Utf8.ToNullTerminated(Path.GetDirectoryName(_destination)!);
        int fd;
        fixed (byte* d = dir) fd = LibC.Open(d, LibC.ORdOnly | LibC.OCloExec, 0);
        if (fd < 0) return;
        LibC.Fsync(fd);
        LibC.Close(fd);
    }

    /// <summary>
    /// Deletes every named temporary file of this process: the last act of a forced exit (second Ctrl+C), when
    /// writers cannot be waited for. Anonymous files need nothing: the kernel frees them with the process.
    /// </summary>
    internal static void DeleteAllNamed()
    {
        foreach (string path in s_named.Keys)
        {
            try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
