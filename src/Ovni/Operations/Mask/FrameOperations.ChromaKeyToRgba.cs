// Green-screen keying of YUV footage with FFmpeg's chromakey function, into an RGBA frame ready to overlay.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

public static partial class FrameOperations
{
    private static readonly PixelFormat[] s_keyable = [PixelFormat.Yuv420P, PixelFormat.Yuvj420P, PixelFormat.Yuv444P, PixelFormat.Yuvj444P];

    /// <summary>
    /// A new RGBA frame: <see cref="ToRgba(GpuFrame)"/> of this YUV frame with alpha from a chroma key computed exactly as
    /// FFmpeg's <c>chromakey</c> filter does (key U, V from <paramref name="key"/> with its BT.601 fixed-point formula; per
    /// pixel the mean over the 3×3 neighbourhood of sqrt((du² + dv²) / (2·255²)); alpha = (diff − similarity) / blend
    /// clamped to 0..1, times 255, truncated; a hard key when blend ≤ 0.0001). Neighbours beyond the frame repeat the
    /// edge. 8-bit planar YUV (yuv420p, yuv444p).
    /// </summary>
    /// <param name="frame">Green-screen footage.</param>
    /// <param name="key">The colour to remove.</param>
    /// <param name="similarity">0.01 keys only the exact colour, 1 everything (FFmpeg's default 0.01). Animatable.</param>
    /// <param name="blend">0 gives a hard key; larger values a softer edge (FFmpeg's default 0). Animatable.</param>
    /// <exception cref="FrameOperationException">Unsupported format.</exception>
    public static GpuFrame ChromaKeyToRgba(this GpuFrame frame, RgbaColor key, OperationValue<double> similarity, OperationValue<double> blend)
    {
        ArgumentNullException.ThrowIfNull(frame);
        OperationFrames.RequireFormat(nameof(ChromaKeyToRgba), frame, s_keyable);
        TimeSpan t = OperationFrames.TimeOf(frame);
        float s = (float)Math.Clamp(Finite(similarity.At(t)), 0.00001, 1.0), b = (float)Math.Clamp(Finite(blend.At(t)), 0.0, 1.0);
        (int keyU, int keyV) = YuvChromaKey.KeyChroma(key.R, key.G, key.B);
        GpuFrame rgba = frame.ToRgba();
        try
        {
            PixelFormatInfo info = frame.FormatInfo;
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.ChromaKeyYuvAlpha);
                call.AddPlane(frame, 1);
                call.AddPlane(frame, 2);
                call.AddInt32(frame.Width);
                call.AddInt32(frame.Height);
                call.AddInt32(info.Log2ChromaWidth);
                call.AddInt32(info.Log2ChromaHeight);
                call.AddPlane(rgba, 0);
                call.AddInt32(keyU);
                call.AddInt32(keyV);
                call.AddInt32(BitConverter.SingleToInt32Bits(s));
                call.AddInt32(BitConverter.SingleToInt32Bits(b));
                OperationFrames.Launch(cuda, ref call, frame.Width, frame.Height);
                return rgba;
            }
            unsafe
            {
                YuvChromaKey.KeyAlpha(OperationFrames.Host(frame, 1), frame.GetPitch(1), OperationFrames.Host(frame, 2), frame.GetPitch(2),
                    frame.Width, frame.Height, info.Log2ChromaWidth, info.Log2ChromaHeight, OperationFrames.Host(rgba, 0), rgba.GetPitch(0),
                    keyU, keyV, s, b);
            }
            return rgba;
        }
        catch
        {
            rgba.Dispose();
            throw;
        }
    }

    // A NaN or infinite animated value means "no effect" rather than an exception mid-render.
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
