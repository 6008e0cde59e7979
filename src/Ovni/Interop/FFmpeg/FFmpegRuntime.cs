namespace Ovni.Interop.FFmpeg;

/// <summary>
/// Loads FFmpeg once, decides which struct layout applies and proves it before any field is read:
/// a wrong layout would read garbage silently, so a mismatch is a clear error instead.
/// </summary>
internal static unsafe class FFmpegRuntime
{
    private static readonly Lazy<FFmpegLayout> s_layout = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The verified layout; loads FFmpeg on first use and throws <see cref="OvniException"/> if it can't.</summary>
    internal static FFmpegLayout Layout => s_layout.Value;

    /// <summary>"libavcodec 59.37.100, libavformat …" for diagnostics.</summary>
    internal static string VersionText { get; private set; } = "";

    private static FFmpegLayout Initialize()
    {
        NativeLibraryResolver.EnsureRegistered();
        uint avutil, avcodec, avformat, swscale;
        try
        {
            avutil = FFmpegApi.avutil_version();
            avcodec = FFmpegApi.avcodec_version();
            avformat = FFmpegApi.avformat_version();
            swscale = FFmpegApi.swscale_version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OvniException(
                "FFmpeg's shared libraries were not found (tried: " + string.Join(", ", FFmpegLibrary.TriedNames.Distinct()) + "). " +
                "Ovni needs FFmpeg 5.1, 6.x or 7.x. On Debian/Ubuntu: sudo apt-get install ffmpeg libavcodec-dev libavformat-dev libswscale-dev; " +
                "elsewhere set OVNI_FFMPEG_DIR to the folder holding the libraries.", e);
        }

        VersionText = $"libavutil {Describe(avutil)}, libavcodec {Describe(avcodec)}, libavformat {Describe(avformat)}, libswscale {Describe(swscale)}";
        int codecMajor = (int)(avcodec >> 16);
        FFmpegLayout layout = FFmpegLayout.ForAvCodecMajor(codecMajor)
            ?? throw new OvniException($"Unsupported FFmpeg: found {VersionText}. Ovni knows the struct layouts of FFmpeg 5.1 (libavcodec 59), 6.x (60) and 7.x (61).");
        if ((int)(avformat >> 16) != codecMajor)
            throw new OvniException($"Mixed FFmpeg installation: {VersionText}. libavcodec and libavformat must come from the same release.");

        Verify(layout);
        FFmpegLog.Install();
        return layout;
    }

    /// <summary>Checks table offsets against the options FFmpeg itself describes (av_opt_find → AVOption.offset).</summary>
    private static void Verify(FFmpegLayout layout)
    {
        void* codecCtx = FFmpegApi.avcodec_alloc_context3(null);
        void* formatCtx = FFmpegApi.avformat_alloc_context();
        try
        {
            (bool Codec, string Option, int Offset)[] fields =
            [
                (true, "b", layout.CodecCtxBitRate), (true, "flags", layout.CodecCtxFlags), (true, "g", layout.CodecCtxGopSize),
                (true, "threads", layout.CodecCtxThreadCount), (true, "color_primaries", layout.CodecCtxColorPrimaries),
                (true, "color_trc", layout.CodecCtxColorTrc), (true, "colorspace", layout.CodecCtxColorSpace),
                (true, "color_range", layout.CodecCtxColorRange), (true, "pixel_format", layout.CodecCtxPixFmt),
                (true, "time_base", layout.CodecCtxTimeBase), (true, "ar", layout.CodecCtxSampleRate),
                (true, "frame_size", layout.CodecCtxFrameSize), (true, "ch_layout", layout.CodecCtxChLayout), (false, "fflags", layout.FormatFlags), (false, "probesize", layout.FormatProbeSize),
            ];
            var mismatches = new List<string>();
            foreach ((bool codec, string option, int offset) in fields)
                CheckOption(codec ? codecCtx : formatCtx, option, offset, layout.OptionOffset, mismatches);
            if (mismatches.Count > 0)
                throw new OvniException($"FFmpeg's struct layout does not match Ovni's table for FFmpeg {layout.Release} ({VersionText}): " +
                                        string.Join("; ", mismatches) + ". This FFmpeg build is not supported.");
        }
        finally
        {
            FFmpegApi.avcodec_free_context(&codecCtx);
            FFmpegApi.avformat_free_context(formatCtx);
        }
    }

    private static void CheckOption(void* obj, string name, int expected, int optionOffset, List<string> mismatches)
    {
        byte[] utf8 = Utf8.ToNullTerminated(name);
        fixed (byte* p = utf8)
        {
            byte* option = (byte*)FFmpegApi.av_opt_find(obj, p, null, 0, 0);
            if (option == null) return; // option absent in this release: nothing to compare
            int actual = *(int*)(option + optionOffset);
            if (actual != expected) mismatches.Add($"'{name}' at {actual}, table says {expected}");
        }
    }

    private static string Describe(uint version) => $"{version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}";
}
