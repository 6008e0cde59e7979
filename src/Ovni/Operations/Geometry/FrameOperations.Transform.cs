// Affine transforms (zoom, rotation about a point, drift) with bilinear sampling, on the CPU twin or the CUDA kernel.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

public static partial class FrameOperations
{
    private static readonly PixelFormat[] s_transformable =
        [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Nv12, PixelFormat.Yuv444P, PixelFormat.Yuvj444P, PixelFormat.Rgba];

    /// <summary>
    /// A new frame of the same size and format showing this frame's picture under <paramref name="transform"/>, sampled
    /// bilinearly (each plane on its own grid, chroma at its subsampled positions). Where the transformed picture does
    /// not cover the frame, <paramref name="background"/> shows: by default transparent for RGBA and black for YUV;
    /// edges blend into it over one pixel. RGBA channels are interpolated independently (exact for premultiplied alpha).
    /// </summary>
    /// <exception cref="FrameOperationException">Unsupported format, or a transform that cannot be inverted (a zero or non-finite value).</exception>
    public static GpuFrame Transform(this GpuFrame frame, FrameTransform transform, RgbaColor? background = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(Transform), frame, s_transformable);
        if (!transform.IsInvertible)
            throw new FrameOperationException($"{nameof(Transform)}: {transform} cannot be inverted (scales must be finite and non-zero, every value finite); frame {frame.Index}.");
        Span<double> inverse = stackalloc double[6];
        transform.GetInverse(frame.Width, frame.Height, inverse);
        GpuFrame target = OperationFrames.Rent(frame, frame.Format, frame.Width, frame.Height);
        try
        {
            TransformPlanes(frame, target, inverse, background);
            return target;
        }
        catch (ArgumentOutOfRangeException e)
        {
            target.Dispose();
            throw new FrameOperationException($"{nameof(Transform)}: {transform} is too extreme for frame {frame.Index} ({e.Message.Split('(')[0].Trim()}).");
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    private static unsafe void TransformPlanes(GpuFrame source, GpuFrame target, ReadOnlySpan<double> inverse, RgbaColor? background)
    {
        PixelFormatInfo info = source.FormatInfo;
        bool rgba = source.Format == PixelFormat.Rgba;
        (int Y, int U, int V) yuv = rgba ? default
            : (background ?? RgbaColor.Black).ToYuv(OperationFrames.MatrixOf(source), OperationFrames.RangeOf(source));
        RgbaColor outside = background ?? new RgbaColor(0, 0, 0, 0);
        for (int p = 0; p < source.PlaneCount; p++)
        {
            int channels = OperationFrames.Channels(source, p);
            int width = OperationFrames.PlanePixels(source, p), rows = source.GetPlaneHeight(p);
            int subX = p == 0 ? 0 : info.Log2ChromaWidth, subY = p == 0 ? 0 : info.Log2ChromaHeight;
            AffineMapQ16 map = PlaneTransform.MapFor(inverse, subX, subY);
            (int f0, int f1, int f2, int f3) = rgba ? (outside.R, outside.G, outside.B, outside.A)
                : p == 0 ? (yuv.Y, 0, 0, 0)
                : channels == 2 ? (yuv.U, yuv.V, 0, 0)
                : p == 1 ? (yuv.U, 0, 0, 0) : (yuv.V, 0, 0, 0);
            if (OperationFrames.Cuda(source) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.TransformPlane);
                call.AddPlane(source, p);
                call.AddInt32(width);
                call.AddInt32(rows);
                call.AddPlane(target, p);
                call.AddInt32(width);
                call.AddInt32(rows);
                call.AddInt32(channels);
                call.AddInt32(map.M00);
                call.AddInt32(map.M01);
                call.AddInt32(map.M02);
                call.AddInt32(map.M10);
                call.AddInt32(map.M11);
                call.AddInt32(map.M12);
                call.AddInt32(f0);
                call.AddInt32(f1);
                call.AddInt32(f2);
                call.AddInt32(f3);
                OperationFrames.Launch(cuda, ref call, width, rows);
                continue;
            }
            var band = new TransformBand(OperationFrames.Host(source, p), source.GetPitch(p), width, rows,
                OperationFrames.Host(target, p), target.GetPitch(p), width, rows, channels, map, f0, f1, f2, f3);
            RowBands.Run(rows, 32, band);
        }
    }
}
