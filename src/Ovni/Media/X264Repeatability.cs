using System.Globalization;
using System.Runtime.InteropServices;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Keeps libx264 off its AVX-512 code, so that one encode repeats bit for bit. On a CPU with AVX-512, x264 (seen with
/// 0.164.3095, Debian 12's) reads heap memory it never wrote while it propagates the mb-tree through B-frames: the
/// bitstream then depends on what that memory last held. A fresh process (the ffmpeg tool, one `ovni` run) usually finds
/// it zeroed and repeats; a long-lived one (a test host, a service, a coordinator that also encodes) gave a different
/// bitstream about every other encode, up to 0.5 % apart in bytes. Measured on an AVX-512 machine with the ffmpeg tool,
/// MALLOC_PERTURB_ filling the heap with other bytes: the default CPU flags gave three bitstreams from four fillings;
/// the same flags without AVX-512, or mbtree=0, or bframes=0, one. AVX2 and the other x86 levels do not do it (the AVX2
/// path is also clean under valgrind), and dropping AVX-512 cost no measurable time (720p, veryfast, one thread).
/// </summary>
internal static class X264Repeatability
{
    private const uint Avx512 = 1u << 16; // X264_CPU_AVX512 in x264.h

    private static readonly Lazy<string?> s_flags = new(FlagsWithoutAvx512);

    /// <summary>
    /// Adds <c>asm=</c> (x264's own detected CPU flags less AVX-512) to the <c>x264-params</c> of a libx264 encode on a CPU
    /// where x264 would use AVX-512. A caller's own <c>asm</c> wins; elsewhere nothing changes.
    /// </summary>
    internal static void Apply(string encoder, Dictionary<string, string> extraOptions)
    {
        if (encoder is not ("libx264" or "libx264rgb") || s_flags.Value is not string flags) return;
        string param = "asm=" + flags;
        if (extraOptions.TryGetValue("x264-params", out string? given) && given.Length > 0)
        {
            if (given.Split(':').Any(p => p.Split('=')[0] == "asm")) return;
            extraOptions["x264-params"] = given + ":" + param;
        }
        else
        {
            extraOptions["x264-params"] = param;
        }
    }

    /// <summary>x264's CPU flags without AVX-512, or null when x264 would not use AVX-512 (or cannot be asked).</summary>
    private static unsafe string? FlagsWithoutAvx512()
    {
        // libavcodec links libx264 as a dependency where x264 is a shared library (Linux, macOS): a symbol lookup in
        // libavcodec's handle searches its dependencies. A static x264 inside libavcodec exports nothing: left as it is.
        nint avcodec = FFmpegLibrary.Load(FFmpegLibrary.AvCodec);
        if (!NativeLibrary.TryGetExport(avcodec, "x264_cpu_detect", out nint detect)) return null;
        uint cpu = ((delegate* unmanaged<uint>)detect)();
        return (cpu & Avx512) == 0 ? null : (cpu & ~Avx512).ToString(CultureInfo.InvariantCulture);
    }
}
