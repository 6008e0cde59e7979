// Why: the definition of a blur (which sigmas are valid, which mean "leave the frame alone", the radius that follows)
// and its two forms: on the CPU both passes fused, in row bands through a temporary plane when several cores share
// the work; on CUDA a horizontal pass into the temporary frame and a vertical one back. The integer taps depend only
// on sigma, so they are built once per sigma (host) and uploaded once per sigma and device.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place: a separable Gaussian blur of every plane (<see cref="FrameOperations.GaussianBlur"/>).</summary>
internal readonly unsafe struct GaussianBlurOperation : IDeviceWork
{
    /// <summary>Smallest sigma that blurs; below it the operation leaves the frame unchanged.</summary>
    public const double MinSigma = 0.1;

    /// <summary>Largest sigma (radius 192).</summary>
    public const double MaxSigma = 64;

    private const int MaxCachedSigmas = 64;
    private const int MinRowsPerBand = 16;
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<long, int[]> s_weights = new();

    private readonly GpuFrame _frame, _temp;

    private GaussianBlurOperation(double sigma, GpuFrame frame, GpuFrame temp)
    {
        Sigma = sigma;
        _frame = frame;
        _temp = temp;
    }

    /// <summary>Standard deviation in plane pixels, <see cref="MinSigma"/>..<see cref="MaxSigma"/>.</summary>
    public double Sigma { get; }

    /// <summary>Taps each side of the centre: ceil(3 sigma), at least 1.</summary>
    public int Radius => Math.Max(1, (int)Math.Ceiling(3 * Sigma));

    /// <summary>The blur for <paramref name="sigma"/>, or null when it is below <see cref="MinSigma"/> (no-op).</summary>
    /// <exception cref="FrameOperationException">Sigma is not finite or above <see cref="MaxSigma"/>.</exception>
    public static GaussianBlurOperation? Resolve(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma > MaxSigma)
            throw new FrameOperationException($"GaussianBlur: sigma {sigma} must be a finite number of pixels up to {MaxSigma}.");
        return sigma < MinSigma ? null : new GaussianBlurOperation(sigma, null!, null!);
    }

    /// <summary>Blurs <paramref name="frame"/> with the sigma at its time.</summary>
    /// <exception cref="FrameOperationException">Unsupported format, or a sigma that is not finite or too large.</exception>
    public static GpuFrame Apply(GpuFrame frame, OperationValue<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.GaussianBlur), frame, FrameRequirements.Resamplable);
        if (Resolve(sigma.At(frame)) is not GaussianBlurOperation blur) return frame;
        frame.MakeWritable();
        using GpuFrame temp = frame.RentLike(frame.Format, frame.Width, frame.Height);
        var operation = new GaussianBlurOperation(blur.Sigma, frame, temp);
        frame.Device.Run(ref operation);
        return frame;
    }

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

    /// <inheritdoc />
    public void RunOnCpu()
    {
        int[] weights = Weights(Sigma);
        int radius = weights.Length / 2;
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            int width = _frame.GetPlanePixels(p), rows = _frame.GetPlaneHeight(p), channels = _frame.GetPlaneChannels(p);
            byte* plane = _frame.GetHostPlane(p);
            int pitch = _frame.GetPitch(p);
            // Each band recomputes the 2 * radius horizontally blurred rows around its edges: keep bands tall.
            int minRows = Math.Max(MinRowsPerBand, 8 * radius);
            if (Math.Min(Environment.ProcessorCount, rows / minRows) <= 1)
            {
                // One band reads each source row before writing it, so the fused blur can work in place.
                PlaneBlur.Blur(plane, pitch, plane, pitch, width, rows, channels, weights, 0, rows);
                continue;
            }

            // Bands in place would read rows a neighbouring band already wrote: blur into temp, then copy back.
            byte* blurred = _temp.GetHostPlane(p);
            int pitchBlurred = _temp.GetPitch(p);
            RowBands.Run(rows, minRows, new BlurBand(plane, pitch, blurred, pitchBlurred, width, rows, channels, weights));
            for (int y = 0; y < rows; y++)
            {
                new ReadOnlySpan<byte>(blurred + ((nint)y * pitchBlurred), width * channels).CopyTo(new Span<byte>(plane + ((nint)y * pitch), width * channels));
            }
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        CudaDeviceBuffer table = DeviceWeights(kernels, Sigma);
        int radius = Weights(Sigma).Length / 2;
        for (int p = 0; p < _frame.PlaneCount; p++)
        {
            int width = _frame.GetPlanePixels(p), rows = _frame.GetPlaneHeight(p), channels = _frame.GetPlaneChannels(p);
            Pass(kernels, _frame, _temp, p, width, rows, channels, table, radius, vertical: false);
            Pass(kernels, _temp, _frame, p, width, rows, channels, table, radius, vertical: true);
        }
    }

    // Separate method: a lambda capturing the sigma in RunOnCuda would allocate its closure on every call.
    private static CudaDeviceBuffer DeviceWeights(CudaKernels kernels, double sigma) =>
        kernels.Table("gauss", BitConverter.DoubleToInt64Bits(sigma), () => Weights(sigma));

    private static void Pass(CudaKernels kernels, GpuFrame src, GpuFrame dst, int plane, int width, int rows, int channels,
        CudaDeviceBuffer table, int radius, bool vertical)
    {
        CudaKernelCall call = kernels.Call(KernelCatalog.BlurPlane);
        call.AddPlane(src, plane);
        call.AddPlane(dst, plane);
        call.AddInt32(width);
        call.AddInt32(rows);
        call.AddInt32(channels);
        call.AddBuffer(table);
        call.AddInt32(radius);
        call.AddInt32(vertical ? 1 : 0);
        kernels.Launch(ref call, width, rows);
    }
}
