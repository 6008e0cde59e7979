// Why: "convert this stream to yuv420p" is the first thing a pipeline of mixed clips needs. Where Ovni has kernels for
// the pair, the conversion runs through ComputeDevice.Run on either device with the same pixels (the colour kernels,
// or the plane kernels for 4:2:0 <-> 4:4:4); every other pair FFmpeg knows is converted on the host by libswscale,
// whose context is kept for the stream and freed with it (a FrameConverter the caller had to build and dispose).
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Converts frames to a pixel format (<see cref="FrameOperations.ConvertTo"/>). One per stream; not thread-safe.</summary>
internal sealed class PixelFormatConverter : IDisposable
{
    private HostFormatConversion? _swscale;

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
        PixelFormatInfo target = PixelFormatInfo.Get(format);
        if ((target.Log2ChromaWidth != 0 && (frame.Width & 1) != 0) || (target.Log2ChromaHeight != 0 && (frame.Height & 1) != 0))
            throw new FrameOperationException($"ConvertTo: {target.Name} needs an even size; frame {frame.Index} is {frame.Width}x{frame.Height} (Crop or Scale it first).");
        ColorInfo tags = TargetTags(frame, format);
        int matrix = FrameColors.MatrixOf(frame) switch { ColorMatrix.Bt601 => 5, ColorMatrix.Bt2020 => 9, _ => 1 }; // AVCOL_SPC_*
        bool sourceFull = FrameColors.RangeOf(frame) == YuvRange.Full || frame.FormatInfo.IsRgb;
        bool targetFull = tags.Range == ColorRange.Full || target.IsRgb;
        _swscale ??= new HostFormatConversion();
        return _swscale.Convert(frame, format, tags, matrix, sourceFull, targetFull);
    }

    /// <summary>Frees the libswscale context.</summary>
    public void Dispose()
    {
        _swscale?.Dispose();
        _swscale = null;
    }
}
