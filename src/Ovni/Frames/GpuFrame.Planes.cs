// What the frame operations need to know of a frame's memory beyond the public face: plane geometry, host addresses,
// windows into the planes, frames like this one from its device's pools, and the frame's time for animated values.
// The AVFrame fields are written here, in the frames layer, never by an operation.
using Ovni.Interop.FFmpeg;

namespace Ovni;

public sealed unsafe partial class GpuFrame
{
    /// <summary>Width in pixels of a plane (chroma planes of subsampled formats are narrower).</summary>
    internal int GetPlanePixels(int plane) =>
        plane > 0 && FormatInfo.Log2ChromaWidth != 0 ? (Width + 1) >> FormatInfo.Log2ChromaWidth : Width;

    /// <summary>Interleaved samples per pixel of a plane (2 for NV12/P010 chroma, 4 for RGBA, otherwise 1).</summary>
    internal int GetPlaneChannels(int plane)
    {
        PixelFormatInfo info = FormatInfo;
        return info.PlaneWidthBytes(plane, Width) / info.BytesPerSample / GetPlanePixels(plane);
    }

    /// <summary>Host address of a plane's first byte (host frames only).</summary>
    internal byte* GetHostPlane(int plane) => (byte*)GetPlanePointer(plane);

    /// <summary>
    /// A new pooled frame on this frame's device (host frames from its configuration's pools), of <paramref name="format"/>
    /// and size, carrying this frame's timing, index, configuration and colour tags; its pixels are uninitialised.
    /// </summary>
    internal GpuFrame RentLike(PixelFormat format, int width, int height)
    {
        GpuFrame frame = Device.RentFrame(format, width, height, Configuration);
        frame.CopyPropertiesFrom(this);
        frame.Pts = Pts;
        frame.Color = Color;
        FrameSideData.CopyCarried(this, frame);
        return frame;
    }

    /// <summary>
    /// A frame sharing this frame's memory whose planes start at (x, y) and are width x height: the data pointers
    /// move, the pitches stay. x and y must be even for chroma-subsampled formats.
    /// </summary>
    internal GpuFrame CreateView(int x, int y, int width, int height)
    {
        PixelFormatInfo info = FormatInfo;
        GpuFrame view = Share();
        FFmpegLayout layout = L;
        byte* native = (byte*)view.Native;
        byte** data = (byte**)(native + layout.FrameData);
        for (int plane = 0; plane < info.PlaneCount; plane++)
        {
            bool chroma = plane > 0 && !info.IsRgb;
            int px = chroma ? x >> info.Log2ChromaWidth : x;
            int py = chroma ? y >> info.Log2ChromaHeight : y;
            int bytesPerPixel = info.PlaneWidthBytes(plane, Width) / Math.Max(1, GetPlanePixels(plane));
            data[plane] += ((nint)py * GetPitch(plane)) + ((nint)px * bytesPerPixel);
        }
        *(int*)(native + layout.FrameWidth) = width;
        *(int*)(native + layout.FrameHeight) = height;
        return view;
    }

    /// <summary>How long the frame shows, in <see cref="TimeBase"/> units, as the decoder or source declared it; 0 when unknown.</summary>
    internal long Duration
    {
        get
        {
            long duration = *(long*)((byte*)Native + L.FrameDuration);
            return duration > 0 ? duration : 0;
        }
        set => *(long*)((byte*)Native + L.FrameDuration) = value;
    }

    /// <summary>The time animated parameters are evaluated at: <see cref="Timestamp"/>, or zero when the frame has no usable timestamp.</summary>
    internal TimeSpan ParameterTime
    {
        get
        {
            long pts = Pts;
            if (pts == long.MinValue || TimeBase.Den == 0) return TimeSpan.Zero; // AV_NOPTS_VALUE
            double seconds = pts * TimeBase.ToDouble();
            return double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        }
    }
}
