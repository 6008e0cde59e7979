// Why: 4:2:0 <-> 4:4:4 of the same range needs no colour maths: luma is copied exactly and only chroma is resampled,
// with the plane kernels the scale operation uses (bilinear up, area average down), on either device.
using Ovni.Devices.Cuda;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Planar 8-bit 4:2:0 to 4:4:4 or back: luma copied, chroma resampled on a centre-aligned grid.</summary>
internal readonly unsafe struct ChromaResampleOperation : IDeviceWork
{
    private readonly GpuFrame _source, _target;

    private ChromaResampleOperation(GpuFrame source, GpuFrame target)
    {
        _source = source;
        _target = target;
    }

    /// <summary>True for the pairs this operation converts: yuv420p and yuv444p, or yuvj420p and yuvj444p.</summary>
    public static bool Handles(PixelFormat source, PixelFormat target) => (source, target) is
        (PixelFormat.Yuv420P, PixelFormat.Yuv444P) or (PixelFormat.Yuv444P, PixelFormat.Yuv420P) or
        (PixelFormat.Yuvj420P, PixelFormat.Yuvj444P) or (PixelFormat.Yuvj444P, PixelFormat.Yuvj420P);

    /// <summary>A new frame of <paramref name="format"/>.</summary>
    /// <exception cref="FrameOperationException">A 4:2:0 target of odd size.</exception>
    public static GpuFrame Apply(GpuFrame frame, PixelFormat format)
    {
        if (format is PixelFormat.Yuv420P or PixelFormat.Yuvj420P && ((frame.Width | frame.Height) & 1) != 0)
            throw new FrameOperationException($"ConvertTo: {format} needs an even size; frame {frame.Index} is {frame.Width}x{frame.Height} (Crop or Scale it first).");
        GpuFrame target = frame.RentLike(format, frame.Width, frame.Height);
        return OutputFrames.Produce(frame, target, new ChromaResampleOperation(frame, target));
    }

    private bool Upsampling => _target.GetPlanePixels(1) > _source.GetPlanePixels(1);

    /// <inheritdoc />
    public void RunOnCpu()
    {
        PlaneBlend.BlendPlane(_source.GetHostPlane(0), _source.GetPitch(0), _source.GetHostPlane(0), _source.GetPitch(0),
            _target.GetHostPlane(0), _target.GetPitch(0), _source.Width, _source.Height, 0);
        for (int p = 1; p < 3; p++)
        {
            int sw = _source.GetPlanePixels(p), sh = _source.GetPlaneHeight(p), dw = _target.GetPlanePixels(p), dh = _target.GetPlaneHeight(p);
            if (Upsampling)
                PlaneScale.ScalePlaneBilinear(_source.GetHostPlane(p), _source.GetPitch(p), sw, sh, _target.GetHostPlane(p), _target.GetPitch(p), dw, dh, 1);
            else
                PlaneScale.ScalePlaneArea(_source.GetHostPlane(p), _source.GetPitch(p), sw, sh, _target.GetHostPlane(p), _target.GetPitch(p), dw, dh, 1);
        }
    }

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels)
    {
        CudaKernelCall copy = kernels.Call(KernelCatalog.BlendPlane);
        copy.AddPlane(_source, 0);
        copy.AddPlane(_source, 0);
        copy.AddPlane(_target, 0);
        copy.AddInt32(_source.Width);
        copy.AddInt32(_source.Height);
        copy.AddInt32(0);
        kernels.Launch(ref copy, _source.Width, _source.Height);
        for (int p = 1; p < 3; p++)
        {
            int dw = _target.GetPlanePixels(p), dh = _target.GetPlaneHeight(p);
            CudaKernelCall call = kernels.Call(Upsampling ? KernelCatalog.ScalePlaneBilinear : KernelCatalog.ScalePlaneArea);
            call.AddPlane(_source, p);
            call.AddInt32(_source.GetPlanePixels(p));
            call.AddInt32(_source.GetPlaneHeight(p));
            call.AddPlane(_target, p);
            call.AddInt32(dw);
            call.AddInt32(dh);
            call.AddInt32(1);
            kernels.Launch(ref call, dw, dh);
        }
    }
}
