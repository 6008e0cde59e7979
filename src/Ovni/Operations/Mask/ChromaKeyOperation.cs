// Why: the definition of the RGBA chroma key: the key colour as 8-bit chroma in the frame's matrix and range, and the
// two distances given in the unit of FFmpeg's chromakey (a fraction of the largest chroma distance) turned into the
// code values the kernel compares squared distances against. The CPU twin keys bands of rows on several cores.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>In place on RGBA: alpha from the chroma distance to a key colour (<see cref="FrameOperations.ChromaKey"/>).</summary>
internal readonly unsafe struct ChromaKeyOperation : IDeviceWork
{
    /// <summary>The largest distance between two 8-bit chroma pairs, 255·√2 code values: similarity and blend 1.</summary>
    public static readonly double FullScale = 255 * Math.Sqrt(2);

    /// <summary>Largest distance the kernel takes, in code values (FullScale rounded up, with room to spare).</summary>
    public const int MaxDistance = 362;

    private readonly GpuFrame? _frame;
    private readonly ColorMatrix _matrix;
    private readonly YuvRange _range;

    internal ChromaKeyOperation(GpuFrame? frame, int keyU, int keyV, int threshold, int softness, ColorMatrix matrix, YuvRange range)
    {
        _frame = frame;
        (KeyU, KeyV, Threshold, Softness) = (keyU, keyV, threshold, softness);
        _matrix = matrix;
        _range = range;
    }

    /// <summary>U of the key colour (8-bit).</summary>
    public int KeyU { get; }

    /// <summary>V of the key colour (8-bit).</summary>
    public int KeyV { get; }

    /// <summary>Chroma distance keyed out completely, in code values, 0..<see cref="MaxDistance"/>.</summary>
    public int Threshold { get; }

    /// <summary>Width of the ramp beyond the threshold, in code values, 0..<see cref="MaxDistance"/>.</summary>
    public int Softness { get; }

    /// <summary>
    /// The key's chroma under <paramref name="matrix"/>/<paramref name="range"/>, and the distances
    /// (<paramref name="similarity"/>, <paramref name="blend"/> times <see cref="FullScale"/>, rounded) clamped to the kernel's range.
    /// </summary>
    public static ChromaKeyOperation Resolve(RgbaColor key, double similarity, double blend, ColorMatrix matrix, YuvRange range)
    {
        (_, int u, int v) = key.ToYuv(matrix, range);
        return new ChromaKeyOperation(null, u, v, Distance(similarity), Distance(blend), matrix, range);
    }

    /// <summary>Keys <paramref name="frame"/> with the similarity and blend at its time.</summary>
    /// <exception cref="FrameOperationException">The frame is not RGBA.</exception>
    public static GpuFrame Apply(GpuFrame frame, RgbaColor key, OperationValue<double> similarity, OperationValue<double> blend)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.ChromaKey), frame, FrameRequirements.Rgba);
        TimeSpan t = frame.ParameterTime;
        ChromaKeyOperation p = Resolve(key, similarity.At(t), blend.At(t), FrameColors.MatrixOf(frame), FrameColors.RangeOf(frame));
        frame.MakeWritable();
        var operation = new ChromaKeyOperation(frame, p.KeyU, p.KeyV, p.Threshold, p.Softness, p._matrix, p._range);
        frame.Device.Run(ref operation);
        return frame;
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        GpuFrame frame = _frame!;
        var band = new ChromaKeyBand(frame.GetHostPlane(0), frame.GetPitch(0), frame.Width, KeyU, KeyV, Threshold, Softness, _matrix, _range);
        RowBands.Run(frame.Height, 64, band);
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        GpuFrame frame = _frame!;
        CudaKernelCall call = kernels.Call(KernelCatalog.ChromaKeyRgba);
        call.AddPlane(frame, 0);
        call.AddInt32(frame.Width);
        call.AddInt32(frame.Height);
        call.AddInt32(KeyU);
        call.AddInt32(KeyV);
        call.AddInt32(Threshold);
        call.AddInt32(Softness);
        call.AddInt32((int)_matrix);
        call.AddInt32((int)_range);
        kernels.Launch(ref call, frame.Width, frame.Height);
    }

    // NaN or infinity counts as 0 (no effect), as for every animated value.
    private static int Distance(double fraction) =>
        (int)Math.Clamp(Math.Round(Fractions.Finite(fraction) * FullScale, MidpointRounding.AwayFromZero), 0, MaxDistance);
}
