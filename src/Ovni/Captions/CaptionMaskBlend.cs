// Why: a caption part is an alpha mask blended with one colour into one plane. On the CPU the mask is read from host
// memory; on a CUDA device from the compositor's device copy of the layer, uploaded once per caption change.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Captions;

/// <summary>One caption mask blended into one plane of a frame, by the alpha-mask kernel or its CPU twin.</summary>
internal readonly unsafe struct CaptionMaskBlend : IDeviceWork
{
    private readonly CaptionCompositor _compositor;
    private readonly int _plane, _planeWidth, _planeHeight, _x, _y, _width, _height, _samples, _part;
    private readonly byte _even, _odd;
    private readonly byte[] _mask;
    private readonly bool _chroma;

    /// <param name="compositor">Holds the device copies of the layer's masks.</param>
    /// <param name="frame">The frame blended into.</param>
    /// <param name="plane">Its plane.</param>
    /// <param name="planeWidth">The plane's width in samples (pixels of interleaved chroma).</param>
    /// <param name="planeHeight">The plane's rows.</param>
    /// <param name="x">Left edge of the mask in the plane (may be outside: clipped).</param>
    /// <param name="y">Top edge.</param>
    /// <param name="width">Mask width in pixels.</param>
    /// <param name="height">Mask rows.</param>
    /// <param name="samples">Interleaved samples per pixel (2 for NV12 chroma).</param>
    /// <param name="even">Colour value of even samples.</param>
    /// <param name="odd">Colour value of odd samples.</param>
    /// <param name="mask">The host mask, width x samples bytes per row.</param>
    /// <param name="part">Index of the layer part.</param>
    /// <param name="chroma">Whether the mask is the part's chroma mask.</param>
    public CaptionMaskBlend(CaptionCompositor compositor, GpuFrame frame, int plane, int planeWidth, int planeHeight, int x, int y,
        int width, int height, int samples, byte even, byte odd, byte[] mask, int part, bool chroma)
    {
        _compositor = compositor;
        Frame = frame;
        (_plane, _planeWidth, _planeHeight, _x, _y, _width, _height, _samples) = (plane, planeWidth, planeHeight, x, y, width, height, samples);
        (_even, _odd, _mask, _part, _chroma) = (even, odd, mask, part, chroma);
    }

    /// <summary>The frame blended into.</summary>
    public GpuFrame Frame { get; }

    /// <inheritdoc />
    public void RunOnCpu()
    {
        fixed (byte* m = _mask)
            AlphaMaskBlend.BlendAlphaMask(Frame.GetHostPlane(_plane), Frame.GetPitch(_plane), _planeWidth, _planeHeight,
                m, _width * _samples, _x, _y, _width, _height, _samples, _even, _odd);
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        CudaDeviceBuffer buffer = _compositor.DeviceMask(kernels.Device, _part, _chroma);
        CudaKernelCall call = kernels.Call(KernelCatalog.BlendAlphaMask);
        call.AddPlane(Frame, _plane);
        call.AddInt32(_planeWidth);
        call.AddInt32(_planeHeight);
        call.AddBuffer(buffer);
        call.AddInt32((int)buffer.Pitch);
        call.AddInt32(_x);
        call.AddInt32(_y);
        call.AddInt32(_width);
        call.AddInt32(_height);
        call.AddInt32(_samples);
        call.AddInt32(_even);
        call.AddInt32(_odd);
        kernels.Launch(ref call, _width * _samples, _height);
    }
}
