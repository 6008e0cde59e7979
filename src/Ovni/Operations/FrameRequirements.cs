// Why: what every operation checks before it touches pixels, written once so all operations refuse a frame the same
// way: the formats an operation takes (static arrays: a params span of enum values measured 72 bytes of garbage per
// call) and that two frames share a device.
namespace Ovni.Operations;

/// <summary>The format and device checks of the frame operations.</summary>
internal static class FrameRequirements
{
    /// <summary>RGBA only (overlays, masks).</summary>
    public static readonly PixelFormat[] Rgba = [PixelFormat.Rgba];

    /// <summary>8-bit YUV layouts the per-plane kernels take.</summary>
    public static readonly PixelFormat[] Planar8 = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];

    /// <summary><see cref="Planar8"/> and P010 (cross-fade mixes 10-bit values).</summary>
    public static readonly PixelFormat[] Blendable = [.. Planar8, PixelFormat.P010];

    /// <summary>The YUV layouts with colour conversion kernels.</summary>
    public static readonly PixelFormat[] Yuv = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.P010, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];

    /// <summary><see cref="Planar8"/> and RGBA: the layouts scale, blur and transform resample plane by plane.</summary>
    public static readonly PixelFormat[] Resamplable = [.. Planar8, PixelFormat.Rgba];

    /// <summary>Every layout a crop can take a window of.</summary>
    public static readonly PixelFormat[] Croppable = [.. Resamplable, PixelFormat.P010];

    /// <summary>The 4:2:0 layouts overlays blend into.</summary>
    public static readonly PixelFormat[] OverlayTargets = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12];

    /// <summary>The planar 8-bit layouts FFmpeg's chroma key function reads.</summary>
    public static readonly PixelFormat[] Keyable = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];

    /// <summary>Throws unless the frame's format is one of <paramref name="formats"/>.</summary>
    /// <exception cref="FrameOperationException">The format is not among them.</exception>
    public static void Format(string operation, GpuFrame frame, PixelFormat[] formats)
    {
        if (Array.IndexOf(formats, frame.Format) >= 0) return;
        throw new FrameOperationException($"{operation}: frame {frame.Index} is {frame.FormatInfo.Name}; this operation takes {string.Join(", ", formats)} (ConvertTo one of them first).");
    }

    /// <summary>Throws unless both frames live on one device.</summary>
    /// <exception cref="FrameOperationException">They live on different devices.</exception>
    public static void SameDevice(string operation, GpuFrame frame, GpuFrame other)
    {
        if (frame.Device != other.Device)
            throw new FrameOperationException($"{operation}: frame {frame.Index} lives on {frame.Device.Name} but the other frame ({other.Index}) on {other.Device.Name}; move one with ToDevice first.");
    }
}
