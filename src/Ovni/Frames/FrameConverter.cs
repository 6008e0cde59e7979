using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Converts frames to another pixel format and/or size with libswscale (the baseline path; Ovni's
/// own kernels are faster for the formats they cover). Keeps one scaler context and one frame pool,
/// so converting a stream allocates nothing per frame. Not thread-safe: one converter per stream.
/// </summary>
public sealed unsafe class FrameConverter : IDisposable
{
    /// <summary>SWS_BICUBIC | SWS_ACCURATE_RND: the same as ffmpeg's scale=flags=bicubic+accurate_rnd (tested within ±1).</summary>
    private const int DefaultFlags = 0x4 | 0x40000;

    private const int PlainBicubic = 0x4;

    private readonly PixelFormat _format;
    private readonly int _flags;
    private readonly int _width;
    private readonly int _height;
    private void* _sws;
    private FramePool? _pool;

    /// <summary>Creates a converter producing <paramref name="format"/> frames; size 0 keeps the input size.</summary>
    /// <param name="format">Target pixel format.</param>
    /// <param name="width">Target width, 0 to keep.</param>
    /// <param name="height">Target height, 0 to keep.</param>
    /// <param name="accurateRounding">
    /// True (default) for swscale's accurate rounding; false for plain bicubic, what <c>ffmpeg -vf scale=W:H:flags=bicubic</c> does.
    /// </param>
    public FrameConverter(PixelFormat format, int width = 0, int height = 0, bool accurateRounding = true)
    {
        _flags = accurateRounding ? DefaultFlags : PlainBicubic;
        _format = format;
        _width = width;
        _height = height;
    }

    /// <summary>
    /// Returns a new frame in the target format and size with the source's timestamp and colour tags.
    /// The source is not disposed.
    /// </summary>
    public GpuFrame Convert(GpuFrame source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Device.Kind != DeviceKind.Cpu) throw new OvniException("FrameConverter works on CPU frames; download the frame first.");
        int width = _width > 0 ? _width : source.Width;
        int height = _height > 0 ? _height : source.Height;
        if (_pool is null || _pool.Width != width || _pool.Height != height)
        {
            _pool?.Dispose();
            _pool = new FramePool(_format, width, height);
        }
        _sws = FFmpegApi.sws_getCachedContext(_sws, source.Width, source.Height, source.NativeFormat,
            width, height, _pool.Info.NativeId, _flags, null, null, null);
        if (_sws == null)
            throw new OvniException($"libswscale cannot convert {source.FormatInfo.Name} {source.Width}x{source.Height} to {_pool.Info.Name} {width}x{height}.");

        GpuFrame target = _pool.Rent();
        try
        {
            FFmpegLayout l = FFmpegRuntime.Layout;
            byte* src = (byte*)source.Native;
            byte* dst = (byte*)target.Native;
            FFmpegApi.sws_scale(_sws, (byte**)(src + l.FrameData), (int*)(src + l.FrameLinesize), 0, source.Height,
                (byte**)(dst + l.FrameData), (int*)(dst + l.FrameLinesize));
            target.CopyPropertiesFrom(source);
            target.Pts = source.Pts;
            target.Color = TagsAfter(source, _pool.Info);
            FrameSideData.CopyCarried(source, target);
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The source's colour tags, with the range the conversion gives: libswscale takes a "j" format as full range and any
    /// other YUV format as limited, so between the two it rescales the samples (as the ffmpeg tool does), and the tag must
    /// follow. Copied unchanged, a "j" source converted for an encoder without "j" formats (SVT-AV1) came out squeezed to
    /// limited range but tagged full range, and showed washed out.
    /// </summary>
    internal static ColorInfo TagsAfter(GpuFrame source, PixelFormatInfo target)
    {
        ColorInfo tags = source.Color;
        if (source.FormatInfo.IsRgb || target.IsRgb) return tags;
        bool fromFull = FullRangeFormats.Contains(source.Format), toFull = FullRangeFormats.Contains(target.Format);
        return fromFull == toFull ? tags : tags with { Range = toFull ? ColorRange.Full : ColorRange.Limited };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_sws != null)
        {
            FFmpegApi.sws_freeContext(_sws);
            _sws = null;
        }
        _pool?.Dispose();
        _pool = null;
    }
}
