using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Finds FFmpeg's shared libraries by their versioned names. Ovni supports the majors whose struct
/// layouts it knows (FFmpeg 5.1, 6.x, 7.x); the libraries of one FFmpeg release must be loaded together,
/// so the first library found fixes the release and the others are loaded with the matching majors.
/// </summary>
internal static class FFmpegLibrary
{
    internal const string AvUtil = "avutil";
    internal const string AvCodec = "avcodec";
    internal const string AvFormat = "avformat";
    internal const string SwScale = "swscale";
    internal const string SwResample = "swresample";

    /// <summary>Library majors of one FFmpeg release: (avutil, avcodec, avformat, swscale, swresample).</summary>
    private static readonly (string Release, int AvUtil, int AvCodec, int AvFormat, int SwScale, int SwResample)[] s_releases =
    [
        ("7.x", 59, 61, 61, 8, 5),
        ("6.x", 58, 60, 60, 7, 4),
        ("5.1", 57, 59, 59, 6, 4),
    ];

    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, nint> s_handles = new();
    private static int s_releaseIndex = -1;
    private static readonly List<string> s_tried = new();


    /// <summary>Names tried so far, for the error message when nothing could be loaded.</summary>
    internal static IReadOnlyList<string> TriedNames { get { lock (s_gate) return s_tried.ToArray(); } }

    internal static nint Load(string library)
    {
        lock (s_gate)
        {
            if (s_handles.TryGetValue(library, out nint cached)) return cached;
            nint handle = 0;
            if (s_releaseIndex >= 0)
            {
                handle = TryLoad(library, s_releaseIndex);
            }
            else
            {
                for (int i = 0; i < s_releases.Length && handle == 0; i++)
                {
                    handle = TryLoad(library, i);
                    if (handle != 0) s_releaseIndex = i;
                }
            }
            // Returning 0 would let the runtime probe the bare name (libavcodec.so from a -dev package,
            // possibly another release): refuse instead, so only a known major is ever loaded.
            if (handle == 0) throw new DllNotFoundException($"No supported {library} library found (tried {string.Join(", ", s_tried.Distinct())}).");
            s_handles[library] = handle;
            return handle;
        }
    }

    private static nint TryLoad(string library, int releaseIndex)
    {
        var release = s_releases[releaseIndex];
        int major = library switch
        {
            AvUtil => release.AvUtil,
            AvCodec => release.AvCodec,
            AvFormat => release.AvFormat,
            SwResample => release.SwResample,
            _ => release.SwScale,
        };
        foreach (string name in CandidateNames(library, major))
        {
            s_tried.Add(name);
            if (NativeLibrary.TryLoad(name, out nint handle)) return handle;
        }
        return 0;
    }

    private static IEnumerable<string> CandidateNames(string library, int major)
    {
        string? dir = Environment.GetEnvironmentVariable("OVNI_FFMPEG_DIR");
        string fileName = OperatingSystem.IsWindows() ? $"{library}-{major}.dll"
            : OperatingSystem.IsMacOS() ? $"lib{library}.{major}.dylib"
            : $"lib{library}.so.{major}";
        // An explicit folder is a choice, not a hint: don't fall back to whatever the system has.
        yield return string.IsNullOrEmpty(dir) ? fileName : Path.Combine(dir, fileName);
    }
}
