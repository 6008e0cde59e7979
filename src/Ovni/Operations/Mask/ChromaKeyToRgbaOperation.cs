// Why: green-screen keying of YUV footage with FFmpeg's chromakey function, into an RGBA frame ready to overlay:
// the picture converted by ToRgba, alpha from the 3x3 mean chroma distance to the key, on either device.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Writes FFmpeg's chroma-key alpha of a YUV frame into an RGBA frame of it (<see cref="FrameOperations.ChromaKeyToRgba"/>).</summary>
internal readonly unsafe struct ChromaKeyToRgbaOperation : IDeviceWork
{
    private readonly GpuFrame _frame, _rgba;
    private readonly int _keyU, _keyV;
    private readonly float _similarity, _blend;

    private ChromaKeyToRgbaOperation(GpuFrame frame, GpuFrame rgba, int keyU, int keyV, float similarity, float blend)
    {
        _frame = frame;
        _rgba = rgba;
        (_keyU, _keyV) = (keyU, keyV);
        (_similarity, _blend) = (similarity, blend);
    }

    /// <summary>A new RGBA frame of <paramref name="frame"/> with alpha keyed by the similarity and blend at its time.</summary>
    /// <exception cref="FrameOperationException">Unsupported format.</exception>
    public static GpuFrame Apply(GpuFrame frame, RgbaColor key, OperationValue<double> similarity, OperationValue<double> blend)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameRequirements.Format(nameof(FrameOperations.ChromaKeyToRgba), frame, FrameRequirements.Keyable);
        TimeSpan t = frame.ParameterTime;
        float s = (float)Math.Clamp(Fractions.Finite(similarity.At(t)), 0.00001, 1.0), b = (float)Math.Clamp(Fractions.Finite(blend.At(t)), 0.0, 1.0);
        (int keyU, int keyV) = YuvChromaKey.KeyChroma(key.R, key.G, key.B);
        GpuFrame rgba = frame.ToRgba();
        return OutputFrames.Produce(frame, rgba, new ChromaKeyToRgbaOperation(frame, rgba, keyU, keyV, s, b));
    }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        PixelFormatInfo info = _frame.FormatInfo;
        YuvChromaKey.KeyAlpha(_frame.GetHostPlane(1), _frame.GetPitch(1), _frame.GetHostPlane(2), _frame.GetPitch(2),
            _frame.Width, _frame.Height, info.Log2ChromaWidth, info.Log2ChromaHeight, _rgba.GetHostPlane(0), _rgba.GetPitch(0),
            _keyU, _keyV, _similarity, _blend);
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        PixelFormatInfo info = _frame.FormatInfo;
        CudaKernelCall call = kernels.Call(KernelCatalog.ChromaKeyYuvAlpha);
        call.AddPlane(_frame, 1);
        call.AddPlane(_frame, 2);
        call.AddInt32(_frame.Width);
        call.AddInt32(_frame.Height);
        call.AddInt32(info.Log2ChromaWidth);
        call.AddInt32(info.Log2ChromaHeight);
        call.AddPlane(_rgba, 0);
        call.AddInt32(_keyU);
        call.AddInt32(_keyV);
        call.AddInt32(BitConverter.SingleToInt32Bits(_similarity));
        call.AddInt32(BitConverter.SingleToInt32Bits(_blend));
        kernels.Launch(ref call, _frame.Width, _frame.Height);
    }
}
