using System.Runtime.InteropServices;

namespace Ovni.Encoding;

/// <summary>Small files that must survive a power cut whole: written beside their place, flushed to disk, renamed over it.</summary>
internal static partial class AtomicFile
{
    internal static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            FlushDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new OvniException($"Could not write '{path}': {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Makes a rename durable: on Linux the directory entry reaches the disk only when the directory is synced.</summary>
    internal static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        // .NET cannot open a directory as a stream; POSIX open(O_RDONLY) + fsync can. A file system that refuses
        // (some network mounts) still renames atomically, it only may not have made it durable yet.
        int fd = open(directory, 0);
        if (fd < 0) return;
        _ = fsync(fd);
        _ = close(fd);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int fsync(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    /// <summary>Flushes a finished file's data to disk before it is recorded as done.</summary>
    internal static void FlushFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            // POSIX open + fsync: a FileStream would take .NET's advisory lock, which the writer that just published the
            // file may still hold while it releases its handle.
            int fd = open(path, 0);
            if (fd < 0) throw new IOException($"Cannot open '{path}' to flush it to disk.");
            try
            {
                if (fsync(fd) != 0) throw new IOException($"Flushing '{path}' to disk failed.");
            }
            finally
            {
                _ = close(fd);
            }
            return;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }
}
