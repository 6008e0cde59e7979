using System.Runtime.InteropServices;

namespace Ovni.Encoding.Library;

/// <summary>
/// "Is this the same file": device and inode on Linux (read with stat, after links are followed), else size and
/// write time. Used to recognise a published output after a crash and to tell a hard-linked quarantine copy from a
/// different file.
/// SEAM (issue 12, branch `safety`): replace with the core's file identity (device+inode / Windows file ID) once merged.
/// </summary>
internal static partial class FileIdentity
{
    /// <summary>An identity string for <paramref name="path"/>, or null when the file does not exist.</summary>
    internal static unsafe string? Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            byte* buffer = stackalloc byte[256]; // struct stat is 144 bytes on x86-64 and 128 on arm64; dev and ino lead both
            if (Stat(path, buffer) == 0) return $"{*(ulong*)buffer}:{*(ulong*)(buffer + 8)}";
            return File.Exists(path) ? Fallback(path) : null;
        }
        return File.Exists(path) ? Fallback(path) : null;
    }

    private static string Fallback(string path)
    {
        var info = new FileInfo(path);
        return $"{info.Length}@{info.LastWriteTimeUtc.Ticks}";
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
