// Why: "convert this stream to yuv420p" is the first thing a pipeline of mixed clips needs. Where Ovni has kernels for
// the pair, the conversion runs through ComputeDevice.Run on either device with the same pixels (the colour kernels,
// or the plane kernels for 4:2:0 <-> 4:4:4); every other pair FFmpeg knows is converted on the host by libswscale,
// whose context is kept for the stream and freed with it (a FrameConverter the caller had to build and dispose).
using Ovni.Interop.FFmpeg;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Converts frames to a pixel format (<see cref="FrameOperations.ConvertTo"/>). One per stream; not thread-safe.</summary>
internal sealed unsafe class PixelFormatConverter : IDisposable
{
    /// <summary>SWS_BICUBIC | SWS_ACCURATE_RND, as FrameConverter (within ±1 of ffmpeg's scale=flags=bicubic+accurate_rnd).</summary>
    private const int SwsFlags = 0x4 | 0x40000;

    private void* _sws;

    /// <summary>A new frame of <paramref name="format"/> with <paramref name="frame"/>'s picture, timing and tags (range adjusted for yuvj).</summary>
    /// <exception cref="FrameOperationException">The format cannot be made, or not on the frame's device.</exception>
    public GpuFrame Convert(GpuFrame frame, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (format is PixelFormat.Other or PixelFormat.Cuda || !Enum.IsDefined(format))
            throw new FrameOperationException($"ConvertTo: {format} is not a pixel layout frames can be converted to; name one such as {PixelFormat.Yuv420P}.");
        PixelFormat source = frame.Format;
        if (source == format) return frame.Share();
        if (KernelRoute(source, format)) return WithKernels(frame, format);
        if (frame.Device.Kind != DeviceKind.Cpu)
            throw new FrameOperationException($"ConvertTo: frame {frame.Index} lives on {frame.Device.Name}, where Ovni's kernels convert between rgba and " +
                $"{string.Join(", ", FrameRequirements.Yuv)} and between yuv420p and yuv444p; {frame.FormatInfo.Name} to {format} runs on the host: Download() the frame first.");
        return WithSwscale(frame, format);
    }

    // The pairs Ovni's kernels convert on either device with the same pixels: to and from RGBA, and 4:2:0 <-> 4:4:4 of
    // one range. Between two YUV layouts a detour through RGBA would clip out-of-gamut samples (luma off by up to 9 code
    // values on real footage), so those pairs go to libswscale, which interleaves, deepens and re-ranges exactly.
    private static bool KernelRoute(PixelFormat source, PixelFormat format) =>
        (format == PixelFormat.Rgba && Array.IndexOf(FrameRequirements.Yuv, source) >= 0) ||
        (source == PixelFormat.Rgba && Array.IndexOf(FrameRequirements.Yuv, format) >= 0) ||
        ChromaResampleOperation.Handles(source, format);

    private static GpuFrame WithKernels(GpuFrame frame, PixelFormat format)
    {
        if (format == PixelFormat.Rgba) return frame.ToRgba();
        if (frame.Format == PixelFormat.Rgba) return frame.FromRgba(format, TargetTags(frame, format));
        return ChromaResampleOperation.Apply(frame, format);
    }

    // The output keeps the picture: a yuvj target is full range; leaving yuvj for a plain layout makes it limited range,
    // as ffmpeg's format filter does; otherwise the source's range stays.
    private static ColorInfo TargetTags(GpuFrame frame, PixelFormat format)
    {
        ColorInfo tags = frame.Color;
        bool sourceJpeg = frame.Format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P;
        if (format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P) return tags with { Range = ColorRange.Full };
        return sourceJpeg ? tags with { Range = ColorRange.Limited } : tags;
    }

    private GpuFrame WithSwscale(GpuFrame frame, PixelFormat format)
    {
        int width = frame.Width, height = frame.Height;
        PixelFormatInfo target = PixelFormatInfo.Get(format);
        if ((target.Log2ChromaWidth != 0 && (width & 1) != 0) || (target.Log2ChromaHeight != 0 && (height & 1) != 0))
            throw new FrameOperationException($"ConvertTo: {target.Name} needs an even size; frame {frame.Index} is {width}x{height} (Crop or Scale it first).");
        _sws = FFmpegApi.sws_getCachedContext(_sws, width, height, frame.NativeFormat, width, height, target.NativeId, SwsFlags, null, null, null);
        if (_sws == null)
            throw new FrameOperationException($"ConvertTo: libswscale cannot convert {frame.FormatInfo.Name} to {target.Name} ({width}x{height}).");
        ColorInfo tags = TargetTags(frame, format);
        ColorMatrix matrix = FrameColors.MatrixOf(frame);
        int sourceFull = FrameColors.RangeOf(frame) == YuvRange.Full || frame.FormatInfo.IsRgb ? 1 : 0;
        int targetFull = tags.Range == ColorRange.Full || target.IsRgb ? 1 : 0;
        int* coefficients = FFmpegApi.sws_getCoefficients(matrix switch { ColorMatrix.Bt601 => 5, ColorMatrix.Bt2020 => 9, _ => 1 });
        FFmpegApi.sws_setColorspaceDetails(_sws, coefficients, sourceFull, coefficients, targetFull, 0, 1 << 16, 1 << 16);

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
