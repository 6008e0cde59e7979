using Ovni.Interop;
using Ovni.Interop.Posix;

namespace Ovni.IO;

/// <summary>
/// Tells a device, a pipe or a socket from a regular file (Linux): all of them report length 0, and "empty, so it holds no
/// media" was the wrong thing to tell someone who typed /dev/video0 or a FIFO.
/// </summary>
internal static class SpecialFile
{
    private const int StatxModeOffset = 28;
    private const uint StatxType = 0x1;

    /// <summary>What <paramref name="path"/> is when it is not a regular file or a folder ("a character device", …); null otherwise or when unknown.</summary>
    internal static unsafe string? Describe(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        byte* buffer = stackalloc byte[LibC.StatxBufferSize];
        byte[] name = Utf8.ToNullTerminated(path);
        int result;
        fixed (byte* p = name) result = LibC.Statx(LibC.AtFdCwd, p, 0 /* follow links */, StatxType, buffer);
        if (result != 0) return null;
        return (*(ushort*)(buffer + StatxModeOffset) & 0xF000) switch
        {
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a named pipe (FIFO)",
            0xC000 => "a socket",
            _ => null,
        };
    }
}
