// Why: a Gaussian blur is two passes through a temporary plane; the integer taps depend only on sigma, so they are
// built once per sigma (host) and uploaded once per sigma and device (GPU).
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Runs the separable blur over every plane.</summary>
internal static unsafe class BlurWorkers
{
    private const int MaxCachedSigmas = 64;
    private const int MinRowsPerBand = 16;
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<long, int[]> s_weights = new();

    /// <summary>The taps for <paramref name="sigma"/> (cached).</summary>
    public static int[] Weights(double sigma)
    {
        long key = BitConverter.DoubleToInt64Bits(sigma);
        lock (s_gate)
        {
            if (s_weights.TryGetValue(key, out int[]? weights)) return weights;
            if (s_weights.Count >= MaxCachedSigmas) s_weights.Clear();
            weights = PlaneBlur.CreateGaussianWeights(sigma);
            s_weights[key] = weights;
            return weights;
        }
    }

    /// <summary>Blurs every plane of <paramref name="frame"/> (CPU: both passes fused, through <paramref name="temp"/> only with several bands; GPU: horizontally into temp and back vertically).</summary>
    public static void Blur(GpuFrame frame, GpuFrame temp, double sigma)
    {
        int[] weights = Weights(sigma);
        int radius = weights.Length / 2;
        CudaDeviceBuffer? table = OperationFrames.Cuda(frame) is CudaDevice device ? DeviceWeights(device, sigma) : null;
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            int width = OperationFrames.PlanePixels(frame, p), rows = frame.GetPlaneHeight(p);
            int channels = OperationFrames.Channels(frame, p);
            if (OperationFrames.Cuda(frame) is CudaDevice cuda)
            {
                Pass(cuda, frame, temp, p, width, rows, channels, table!, radius, vertical: false);
                Pass(cuda, temp, frame, p, width, rows, channels, table!, radius, vertical: true);
                continue;
            }
            byte* plane = OperationFrames.Host(frame, p);
            int pitch = frame.GetPitch(p);
            // Each band recomputes the 2 * radius horizontally blurred rows around its edges: keep bands tall.
            int minRows = Math.Max(MinRowsPerBand, 8 * radius);
            if (Math.Min(Environment.ProcessorCount, rows / minRows) <= 1)
            {
                // One band reads each source row before writing it, so the fused blur can work in place.
                PlaneBlur.Blur(plane, pitch, plane, pitch, width, rows, channels, weights, 0, rows);
                continue;
            }

            // Bands in place would read rows a neighbouring band already wrote: blur into temp, then copy back.
            byte* blurred = OperationFrames.Host(temp, p);
            int pitchBlurred = temp.GetPitch(p);
            RowBands.Run(rows, minRows, new BlurBand(plane, pitch, blurred, pitchBlurred, width, rows, channels, weights));
            for (int y = 0; y < rows; y++)
            {
                new ReadOnlySpan<byte>(blurred + ((nint)y * pitchBlurred), width * channels).CopyTo(new Span<byte>(plane + ((nint)y * pitch), width * channels));
            }
        }
    }

    // Separate method: a lambda capturing the weights in Blur would allocate its closure on every call, CPU included.
    private static CudaDeviceBuffer DeviceWeights(CudaDevice device, double sigma) =>
        KernelCatalogLaunchers.TablesFor(device).Get("gauss", BitConverter.DoubleToInt64Bits(sigma), () => Weights(sigma));

    private static void Pass(CudaDevice cuda, GpuFrame src, GpuFrame dst, int plane, int width, int rows, int channels,
        CudaDeviceBuffer table, int radius, bool vertical)
    {
        CudaKernelCall call = OperationFrames.Call(cuda, KernelCatalog.BlurPlane);
        call.AddPlane(src, plane);
        call.AddPlane(dst, plane);
        call.AddInt32(width);
        call.AddInt32(rows);
        call.AddInt32(channels);
        call.AddBuffer(table);
        call.AddInt32(radius);
        call.AddInt32(vertical ? 1 : 0);
        OperationFrames.Launch(cuda, ref call, width, rows);
    }
}
