using System.Runtime.InteropServices;

namespace Ovni.Interop.Libass;

/// <summary>
/// Finds libass (the ASS/SSA subtitle renderer) by its versioned file names: distributions ship only the
/// soname (libass.so.9), the bare libass.so comes with the developer package. Loaded on first use, so
/// Ovni works without libass until captions are asked for.
/// </summary>
internal static class LibassLibrary
{
    internal const string Name = "ovni-ass";

    private static readonly string[] s_candidates =
        OperatingSystem.IsWindows() ? ["libass-9.dll", "ass.dll", "libass.dll"]
        : OperatingSystem.IsMacOS() ? ["libass.9.dylib", "libass.dylib"]
        : ["libass.so.9", "libass.so"];

    /// <summary>The names tried, for the "not found" message.</summary>
    internal static IReadOnlyList<string> CandidateNames => s_candidates;

    internal static nint TryLoad()
    {
        string? dir = Environment.GetEnvironmentVariable("OVNI_LIBASS_DIR");
        foreach (string name in s_candidates)
        {
            if (!string.IsNullOrEmpty(dir) && NativeLibrary.TryLoad(Path.Combine(dir, name), out nint fromDir)) return fromDir;
            if (NativeLibrary.TryLoad(name, out nint handle)) return handle;
        }
        return 0;
    }
}
