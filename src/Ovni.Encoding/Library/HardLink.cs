using System.Runtime.InteropServices;

namespace Ovni.Encoding.Library;

/// <summary>Hard links (a second name for the same bytes): link(2) on Unix, CreateHardLinkW on Windows.</summary>
internal static partial class HardLink
{
    /// <summary>Gives <paramref name="existing"/> the extra name <paramref name="newPath"/>; false when the volume cannot (another device, no links).</summary>
    internal static bool TryCreate(string existing, string newPath)
    {
        if (OperatingSystem.IsWindows()) return CreateHardLinkW(newPath, existing, IntPtr.Zero) != 0;
        return Link(existing, newPath) == 0;
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newPath);

    [LibraryImport("kernel32.dll", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int CreateHardLinkW(string newPath, string existing, IntPtr security);
}
