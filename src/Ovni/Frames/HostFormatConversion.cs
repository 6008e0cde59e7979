// Why: ConvertTo's conversions without kernels run on libswscale; the FFmpeg calls stay in the frames layer (as in
// FrameConverter), while the operation decides the colour parameters. The output is rented from the frame's own pools
// (FrameConverter keeps a pool of its own) and the context is reused for a whole stream.
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>One libswscale context converting host frames to another layout of the same size. Not thread-safe.</summary>
internal sealed unsafe class HostFormatConversion : IDisposable
{
    /// <summary>SWS_BICUBIC | SWS_ACCURATE_RND, as FrameConverter (within ±1 of ffmpeg's scale=flags=bicubic+accurate_rnd).</summary>
    private const int SwsFlags = 0x4 | 0x40000;

    private void* _sws;

    /// <summary>
    /// A new host frame of <paramref name="format"/> with <paramref name="frame"/>'s picture, timing and
    /// <paramref name="tags"/>; YUV samples read and written with the AVCOL_SPC <paramref name="matrix"/> coefficients
    /// in the given ranges (they matter to YUV ↔ RGB and to range changes).
    /// </summary>
    /// <exception cref="OvniException">libswscale cannot convert the pair.</exception>
    public GpuFrame Convert(GpuFrame frame, PixelFormat format, ColorInfo tags, int matrix, bool sourceFullRange, bool targetFullRange)
    {
        int width = frame.Width, height = frame.Height;
        PixelFormatInfo target = PixelFormatInfo.Get(format);
        _sws = FFmpegApi.sws_getCachedContext(_sws, width, height, frame.NativeFormat, width, height, target.NativeId, SwsFlags, null, null, null);
        if (_sws == null)
            throw new OvniException($"ConvertTo: libswscale cannot convert {frame.FormatInfo.Name} to {target.Name} ({width}x{height}).");
        int* coefficients = FFmpegApi.sws_getCoefficients(matrix);
        FFmpegApi.sws_setColorspaceDetails(_sws, coefficients, sourceFullRange ? 1 : 0, coefficients, targetFullRange ? 1 : 0, 0, 1 << 16, 1 << 16);

        GpuFrame output = frame.RentLike(format, width, height);
        try
        {
            FFmpegLayout l = FFmpegRuntime.Layout;
            byte* src = (byte*)frame.Native;
            byte* dst = (byte*)output.Native;
            FFmpegApi.sws_scale(_sws, (byte**)(src + l.FrameData), (int*)(src + l.FrameLinesize), 0, height,
                (byte**)(dst + l.FrameData), (int*)(dst + l.FrameLinesize));
            output.Color = tags;
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Frees the libswscale context.</summary>
    public void Dispose()
    {
        if (_sws != null) FFmpegApi.sws_freeContext(_sws);
        _sws = null;
    }
}
