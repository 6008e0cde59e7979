using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// What a pixel format looks like in memory: planes, bit depth, chroma subsampling. Read from
/// FFmpeg's own pixel format descriptor so it is right for every format a decoder can produce.
/// </summary>
internal sealed unsafe class PixelFormatInfo
{
    private static readonly Dictionary<PixelFormat, string> s_names = new()
    {
        [PixelFormat.Yuv420P] = "yuv420p", [PixelFormat.Nv12] = "nv12", [PixelFormat.Yuv420P10] = "yuv420p10le",
        [PixelFormat.Yuv420P12] = "yuv420p12le", [PixelFormat.P010] = "p010le", [PixelFormat.Yuv422P] = "yuv422p",
        [PixelFormat.Yuv422P10] = "yuv422p10le", [PixelFormat.Yuv444P] = "yuv444p", [PixelFormat.Yuv444P10] = "yuv444p10le",
        [PixelFormat.Yuvj420P] = "yuvj420p", [PixelFormat.Yuvj422P] = "yuvj422p", [PixelFormat.Yuvj444P] = "yuvj444p",
        [PixelFormat.Gray8] = "gray", [PixelFormat.Rgba] = "rgba", [PixelFormat.Bgra] = "bgra", [PixelFormat.Rgb24] = "rgb24",
        [PixelFormat.Cuda] = "cuda",
    };

    private static readonly Lock s_gate = new();
    private static readonly Dictionary<int, PixelFormatInfo> s_byNative = new();
    private static readonly Dictionary<PixelFormat, int> s_toNative = new();

    private readonly int _log2ChromaW;
    private readonly int _log2ChromaH;
    private readonly int[] _planeStepBytes; // bytes per pixel-column of each plane at its own resolution
    private readonly bool[] _planeIsChroma;

    private PixelFormatInfo(int native, void* descriptor)
    {
        NativeId = native;
        Name = Utf8.ToString(FFmpegApi.av_get_pix_fmt_name(native)) ?? $"pix_fmt {native}";
        Format = s_names.FirstOrDefault(kv => kv.Value == Name).Key;
        byte* d = (byte*)descriptor;
        int components = d[8];
        _log2ChromaW = d[9];
        _log2ChromaH = d[10];
        ulong flags = *(ulong*)(d + 16);
        IsHardware = (flags & (1 << 3)) != 0;   // AV_PIX_FMT_FLAG_HWACCEL
        IsRgb = (flags & (1 << 5)) != 0;        // AV_PIX_FMT_FLAG_RGB
        int planes = 0;
        var steps = new int[4];
        var chroma = new bool[4];
        int depth = 0;
        for (int c = 0; c < components; c++)
        {
            int* comp = (int*)(d + 24 + c * 20);
            int plane = comp[0], step = comp[1];
            planes = Math.Max(planes, plane + 1);
            steps[plane] = Math.Max(steps[plane], step);
            if (!IsRgb && (c == 1 || c == 2)) chroma[plane] = true;
            depth = Math.Max(depth, comp[4]);
        }
        PlaneCount = planes;
        BitDepth = depth;
        _planeStepBytes = steps;
        _planeIsChroma = chroma;
    }

    /// <summary>FFmpeg's name, e.g. "yuv420p10le".</summary>
    public string Name { get; }

    /// <summary>Ovni's enum value, <see cref="PixelFormat.Other"/> for formats without one.</summary>
    public PixelFormat Format { get; }

    /// <summary>FFmpeg's AVPixelFormat value in the loaded FFmpeg.</summary>
    internal int NativeId { get; }

    /// <summary>Number of planes in memory (NV12 has 2, yuv420p 3, rgba 1).</summary>
    public int PlaneCount { get; }

    /// <summary>Bits per sample (8, 10, 12, 16).</summary>
    public int BitDepth { get; }

    /// <summary>Bytes per stored sample: 1 for 8-bit formats, 2 above.</summary>
    public int BytesPerSample => BitDepth > 8 ? 2 : 1;

    /// <summary>True for formats whose data lives on a device (CUDA).</summary>
    public bool IsHardware { get; }

    /// <summary>True for RGB layouts.</summary>
    public bool IsRgb { get; }

    /// <summary>log2 of the horizontal chroma subsampling (1 for 4:2:0 and 4:2:2).</summary>
    public int Log2ChromaWidth => _log2ChromaW;

    /// <summary>log2 of the vertical chroma subsampling (1 for 4:2:0).</summary>
    public int Log2ChromaHeight => _log2ChromaH;

    /// <summary>Width in bytes of the visible part of a plane for a frame <paramref name="width"/> pixels wide.</summary>
    public int PlaneWidthBytes(int plane, int width) =>
        (_planeIsChroma[plane] ? -((-width) >> _log2ChromaW) : width) * _planeStepBytes[plane];

    /// <summary>Rows of a plane for a frame <paramref name="height"/> pixels high.</summary>
    public int PlaneHeight(int plane, int height) => _planeIsChroma[plane] ? -((-height) >> _log2ChromaH) : height;

    /// <summary>Descriptor of an Ovni pixel format.</summary>
    public static PixelFormatInfo Get(PixelFormat format) => FromNative(ToNative(format));

    internal static int ToNative(PixelFormat format)
    {
        if (format == PixelFormat.Other) throw new ArgumentException("PixelFormat.Other has no FFmpeg equivalent.", nameof(format));
        lock (s_gate)
        {
            if (s_toNative.TryGetValue(format, out int cached)) return cached;
            _ = FFmpegRuntime.Layout;
            byte[] name = Utf8.ToNullTerminated(s_names[format]);
            int id;
            fixed (byte* p = name) id = FFmpegApi.av_get_pix_fmt(p);
            if (id < 0) throw new OvniException($"This FFmpeg ({FFmpegRuntime.VersionText}) does not know pixel format '{s_names[format]}'.");
            s_toNative[format] = id;
            return id;
        }
    }

    internal static PixelFormatInfo FromNative(int native)
    {
        lock (s_gate)
        {
            if (s_byNative.TryGetValue(native, out PixelFormatInfo? info)) return info;
            _ = FFmpegRuntime.Layout;
            void* descriptor = FFmpegApi.av_pix_fmt_desc_get(native);
            if (descriptor == null) throw new OvniException($"FFmpeg has no descriptor for pixel format {native}.");
            info = new PixelFormatInfo(native, descriptor);
            s_byNative[native] = info;
            return info;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
