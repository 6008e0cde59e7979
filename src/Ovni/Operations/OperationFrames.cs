// Why: what every operation needs before it touches pixels: which device runs it, output frames from the right
// pool with the input's timing and colour tags, the kernel matrix/range of a frame, views into planes, and the
// launch geometry of a catalog kernel. Kept in one place so all operations fail the same way.
using Ovni.Devices.Cuda;
using Ovni.Interop.FFmpeg;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Shared plumbing of the frame operations.</summary>
internal static unsafe class OperationFrames
{
    private static readonly CudaDim3 s_block = new(32, 8);

    /// <summary>The device both frames live on, or a clear error.</summary>
    public static ComputeDevice CommonDevice(string operation, GpuFrame frame, GpuFrame other)
    {
        if (frame.Device != other.Device)
            throw new FrameOperationException($"{operation}: frame {frame.Index} lives on {frame.Device.Name} but the other frame ({other.Index}) on {other.Device.Name}; move one with ToDevice first.");
        return frame.Device;
    }

    /// <summary>RGBA only (overlays, masks).</summary>
    public static readonly PixelFormat[] RgbaOnly = [PixelFormat.Rgba];

    /// <summary>Throws unless the frame's format is one of <paramref name="formats"/> (a static array: a params
    /// span of enum values measured 72 bytes of garbage per call).</summary>
    public static void RequireFormat(string operation, GpuFrame frame, PixelFormat[] formats)
    {
        if (Array.IndexOf(formats, frame.Format) >= 0) return;
        throw new FrameOperationException($"{operation}: frame {frame.Index} is {frame.FormatInfo.Name}; this operation takes {string.Join(", ", formats)}.");
    }

    /// <summary>The CUDA device of a frame, or null for the CPU.</summary>
    public static CudaDevice? Cuda(GpuFrame frame) => frame.Device as CudaDevice;

    /// <summary>A new pooled frame on <paramref name="like"/>'s device with its timing, index and colour tags.</summary>
    public static GpuFrame Rent(GpuFrame like, PixelFormat format, int width, int height)
    {
        GpuFrame frame = like.Device is CudaDevice cuda
            ? cuda.RentDeviceFrame(PixelFormatInfo.ToNative(format), width, height)
            : HostFramePools.Rent(format, width, height);
        frame.CopyPropertiesFrom(like);
        frame.Pts = like.Pts;
        frame.Color = like.Color;
        HdrMetadata.CopySideData(like, frame);
        return frame;
    }

    /// <summary>The time animated parameters are evaluated at: the frame's timestamp, or zero when it has none.</summary>
    public static TimeSpan TimeOf(GpuFrame frame)
    {
        long pts = frame.Pts;
        if (pts == long.MinValue || frame.TimeBase.Den == 0) return TimeSpan.Zero; // AV_NOPTS_VALUE
        double seconds = pts * frame.TimeBase.ToDouble();
        return double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
    }

    /// <summary>Makes a frame safe to write in place (decoded frames are shared with the decoder).</summary>
    public static void PrepareInPlace(GpuFrame frame) => frame.MakeWritable();

    /// <summary>The kernel matrix of a frame: its tag, or BT.709 for HD and BT.601 for SD when untagged.</summary>
    public static ColorMatrix MatrixOf(GpuFrame frame) => MatrixOf(frame.Color, frame.Width, frame.Height);

    /// <summary>The kernel matrix for colour tags and a frame size.</summary>
    public static ColorMatrix MatrixOf(ColorInfo color, int width, int height) => color.Matrix switch
    {
        1 => ColorMatrix.Bt709,
        5 or 6 => ColorMatrix.Bt601,
        9 or 10 => ColorMatrix.Bt2020,
        _ => width >= 1280 || height >= 720 ? ColorMatrix.Bt709 : ColorMatrix.Bt601,
    };

    /// <summary>The kernel range of a frame: full when tagged full or a yuvj format, otherwise limited.</summary>
    public static YuvRange RangeOf(GpuFrame frame) =>
        frame.Color.Range == ColorRange.Full || frame.Format is PixelFormat.Yuvj420P or PixelFormat.Yuvj422P or PixelFormat.Yuvj444P
            ? YuvRange.Full
            : YuvRange.Limited;

    /// <summary>Interleaved samples per pixel of a plane (2 for NV12/P010 chroma, 4 for RGBA, otherwise 1).</summary>
    public static int Channels(GpuFrame frame, int plane)
    {
        PixelFormatInfo info = frame.FormatInfo;
        int pixelsWide = info.Log2ChromaWidth != 0 && plane > 0 ? (frame.Width + 1) >> info.Log2ChromaWidth : frame.Width;
        return info.PlaneWidthBytes(plane, frame.Width) / info.BytesPerSample / pixelsWide;
    }

    /// <summary>Width in pixels of a plane.</summary>
    public static int PlanePixels(GpuFrame frame, int plane) =>
        plane > 0 && frame.FormatInfo.Log2ChromaWidth != 0 ? (frame.Width + 1) >> frame.FormatInfo.Log2ChromaWidth : frame.Width;

    /// <summary>Host address of a plane of a CPU frame.</summary>
    public static byte* Host(GpuFrame frame, int plane) => (byte*)frame.GetPlanePointer(plane);

    /// <summary>
    /// A frame sharing <paramref name="frame"/>'s memory whose planes start at (x, y) and are width x height:
    /// the data pointers move, the pitches stay. x and y must be even for chroma-subsampled formats.
    /// </summary>
    public static GpuFrame CreateView(GpuFrame frame, int x, int y, int width, int height)
    {
        PixelFormatInfo info = frame.FormatInfo;
        GpuFrame view = frame.Share();
        FFmpegLayout layout = FFmpegRuntime.Layout;
        byte* native = (byte*)view.Native;
        byte** data = (byte**)(native + layout.FrameData);
        for (int plane = 0; plane < info.PlaneCount; plane++)
        {
            bool chroma = plane > 0 && !info.IsRgb;
            int px = chroma ? x >> info.Log2ChromaWidth : x;
            int py = chroma ? y >> info.Log2ChromaHeight : y;
            int bytesPerPixel = info.PlaneWidthBytes(plane, frame.Width) / Math.Max(1, PlanePixels(frame, plane));
            data[plane] += ((nint)py * frame.GetPitch(plane)) + ((nint)px * bytesPerPixel);
        }
        *(int*)(native + layout.FrameWidth) = width;
        *(int*)(native + layout.FrameHeight) = height;
        return view;
    }

    /// <summary>A call of a catalog kernel on the frame's CUDA device.</summary>
    public static CudaKernelCall Call(CudaDevice device, KernelSignature kernel) =>
        KernelCatalogLaunchers.For(device).CreateCall(KernelCatalogSignatures.For(kernel));

    /// <summary>Queues a call whose threads span width x height.</summary>
    public static void Launch(CudaDevice device, ref CudaKernelCall call, int width, int height)
    {
        if (width <= 0 || height <= 0) return;
        KernelCatalogLaunchers.For(device).Launch(ref call, CudaDim3.GridFor(width, height, s_block), s_block);
    }
}
