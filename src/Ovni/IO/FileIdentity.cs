using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Ovni.Interop.FFmpeg;
using Ovni.Interop.Posix;
using Ovni.Interop;

namespace Ovni.IO;

/// <summary>
/// "Is this the same file": the device and inode (volume serial number and file ID on Windows) of what a path
/// names after every symbolic link and hard link is resolved. Two paths that compare unequal as strings
/// (a symlink, a symlinked folder, a hard link, "./x" against "/abs/x") are the same file exactly when their
/// identities are equal; that is the only test the writer uses before it replaces a file.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong FileId)
{
    /// <summary>The identity of the file <paramref name="path"/> resolves to; null when nothing exists there (or it cannot be read).</summary>
    internal static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux()) return OfLinux(path);
        if (OperatingSystem.IsWindows()) return OfWindows(path);
        return OfOpenedFile(path);
    }

    /// <summary>The identity of an open file descriptor (Linux).</summary>
    internal static unsafe FileIdentity OfDescriptor(int fd)
    {
        byte* buffer = stackalloc byte[LibC.StatxBufferSize];
        byte empty = 0;
        if (LibC.Statx(fd, &empty, LibC.AtEmptyPath, LibC.StatxIno, buffer) != 0)
            throw new IOException($"statx on descriptor {fd} failed (errno {Marshal.GetLastPInvokeError()}).");
        return FromStatx(buffer);
    }

    private static unsafe FileIdentity? OfLinux(string path)
    {
        byte* buffer = stackalloc byte[LibC.StatxBufferSize];
        byte[] name = Utf8.ToNullTerminated(path);
        int result;
        fixed (byte* p = name) result = LibC.Statx(LibC.AtFdCwd, p, 0 /* follow links */, LibC.StatxIno, buffer);
        return result == 0 ? FromStatx(buffer) : null;
    }

    private static unsafe FileIdentity FromStatx(byte* buffer)
    {
        ulong device = ((ulong)*(uint*)(buffer + LibC.StatxDevMajorOffset) << 32) | *(uint*)(buffer + LibC.StatxDevMinorOffset);
        return new FileIdentity(device, *(ulong*)(buffer + LibC.StatxInoOffset));
    }

    private static FileIdentity? OfWindows(string path)
    {
        try
        {
            // Opening follows reparse points (symlinks, junctions) to the file itself; no access rights are needed.
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, (FileAccess)0, FileShare.ReadWrite | FileShare.Delete, FileOptions.None);
            return WindowsFileInformation.Identity(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Other systems: without a binding for their stat layout, the resolved full path stands in for the inode.</summary>
    private static FileIdentity? OfOpenedFile(string path)
    {
        if (!File.Exists(path)) return null;
        string resolved = Path.GetFullPath(path);
        for (int guard = 0; guard < 40 && File.ResolveLinkTarget(resolved, returnFinalTarget: true) is FileSystemInfo target; guard++)
            resolved = target.FullName;
        var hash = new HashCode();
        hash.AddBytes(System.Text.Encoding.UTF8.GetBytes(resolved));
        return new FileIdentity(0, (ulong)(uint)hash.ToHashCode());
    }

    public override string ToString() => $"device {Device:x}, inode {FileId}";
}
