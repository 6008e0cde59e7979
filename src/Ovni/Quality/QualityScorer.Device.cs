using CommunityToolkit.HighPerformance;
using Ovni.Devices.Cuda;
using Ovni.Quality.Cuda;

namespace Ovni.Quality;

// Frame pairs as GpuFrames: host frames join the CPU workers like the plane overloads; frames on a CUDA device are
// scored on that device (DeviceFeatureScorer), synchronously on the caller's thread, in order.
public sealed partial class QualityScorer
{
    private DeviceFeatureScorer? _deviceScorer;

    /// <summary>
    /// Adds a frame pair. Host frames must be in the scorer's planar layout (yuv420p, yuv422p, yuv444p or their 10/12-bit
    /// forms, as given when the scorer was created) and are scored by the worker threads. Frames on a CUDA device (nv12, p010,
    /// yuv420p, yuv444p) are scored there: VIF, ADM and motion run as kernels that equal the CPU extractors bit
    /// for bit, and only their sums leave the device; PSNR and SSIM, when requested, are computed from downloaded copies.
    /// One scorer takes either host or device frames, not both.
    /// </summary>
    /// <exception cref="OvniException">Wrong size, layout or bit depth, frames on different devices, or host and device frames mixed; or a kernel or transfer failed.</exception>
    public void Add(GpuFrame reference, GpuFrame distorted)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(distorted);
        if (reference.Device != distorted.Device)
            throw new OvniException($"Both frames must be on the same CUDA device; the reference is on {reference.Device.Name}, the distorted on {distorted.Device.Name}.");
        var pair = new FramePairScoring(this, reference, distorted);
        reference.Device.Run(ref pair);
    }

    /// <summary>A host frame pair for the worker threads (the CPU half of <see cref="Add(GpuFrame, GpuFrame)"/>).</summary>
    internal void AddHostFrames(GpuFrame reference, GpuFrame distorted)
    {
        if (_deviceScorer is not null)
            throw new OvniException("This scorer has been given CUDA frames; host and device frames cannot be mixed in one scorer.");
        PixelFormat planar = PlanarFormat(_format);
        if (planar == PixelFormat.Other)
            throw new OvniException($"A {_format.BitDepth}-bit {_format.Chroma} scorer takes its frames through the plane overloads of Add.");
        if (FullRangeFormats.Plain(reference.Format) != planar || FullRangeFormats.Plain(distorted.Format) != planar)
            throw new OvniException($"Host frames must be {PixelFormatInfo.Get(planar).Name} for this scorer, got {reference.FormatInfo.Name} and {distorted.FormatInfo.Name}.");
        if (_format.BitDepth > 8)
            Add(new YuvPlanes<ushort>(reference.GetPlane<ushort>(0), reference.GetPlane<ushort>(1), reference.GetPlane<ushort>(2)),
                new YuvPlanes<ushort>(distorted.GetPlane<ushort>(0), distorted.GetPlane<ushort>(1), distorted.GetPlane<ushort>(2)));
        else
            Add(new YuvPlanes<byte>(reference.GetPlane<byte>(0), reference.GetPlane<byte>(1), reference.GetPlane<byte>(2)),
                new YuvPlanes<byte>(distorted.GetPlane<byte>(0), distorted.GetPlane<byte>(1), distorted.GetPlane<byte>(2)));
    }

    /// <summary>A device frame pair scored on <paramref name="cuda"/> (the CUDA half of <see cref="Add(GpuFrame, GpuFrame)"/>).</summary>
    internal void AddDeviceFrames(GpuFrame reference, GpuFrame distorted, CudaDevice cuda)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_failure is { } failure)
            throw new OvniException($"Quality scoring failed: {failure.Message}", failure);
        if (_deviceScorer is null && _added > 0)
            throw new OvniException("This scorer has been given host frames; host and device frames cannot be mixed in one scorer.");
        if (_deviceScorer is not null && _deviceScorer.Device != cuda)
            throw new OvniException($"This scorer works on {_deviceScorer.Device.Name}; frame {reference.Index} is on {cuda.Name}.");
        CheckDeviceFrame(reference, "reference");
        CheckDeviceFrame(distorted, "distorted");
        _deviceScorer ??= new DeviceFeatureScorer(cuda, _format, _options.Metrics, _vifGainLimit, _admGainLimit);
        int index = _added++;
        bool scored = index % _options.Subsample == 0;
        var features = new FrameFeatures();
        _deviceScorer.Compute(reference, distorted, scored, ref features);
        features.FrameNumber = index;
        features.Scored = scored;
        lock (_featuresLock)
            _features.Add(features);
    }

    private void CheckDeviceFrame(GpuFrame frame, string role)
    {
        if (frame.Width != _format.Width || frame.Height != _format.Height)
            throw new OvniException($"The {role} frame {frame.Index} is {frame.Width}x{frame.Height}; this scorer expects {_format.Width}x{_format.Height}.");
        PixelFormat format = frame.Format;
        bool supported = format is PixelFormat.Nv12 or PixelFormat.P010 or PixelFormat.Yuv420P or PixelFormat.Yuvj420P
            or PixelFormat.Yuv444P or PixelFormat.Yuvj444P;
        if (!supported)
            throw new OvniException($"The {role} frame {frame.Index} is {frame.FormatInfo.Name}; device scoring reads nv12, p010, yuv420p and yuv444p.");
        if (frame.FormatInfo.BitDepth != _format.BitDepth)
            throw new OvniException($"The {role} frame {frame.Index} has {frame.FormatInfo.BitDepth}-bit samples; this scorer expects {_format.BitDepth}-bit.");
    }

    /// <summary>The planar layout host frames of <paramref name="format"/> come in.</summary>
    internal static PixelFormat PlanarFormat(YuvFormat format) => (format.Chroma, format.BitDepth) switch
    {
        (ChromaSubsampling.Yuv444, 8) => PixelFormat.Yuv444P,
        (ChromaSubsampling.Yuv444, 10) => PixelFormat.Yuv444P10,
        (ChromaSubsampling.Yuv422, 8) => PixelFormat.Yuv422P,
        (ChromaSubsampling.Yuv422, 10) => PixelFormat.Yuv422P10,
        (ChromaSubsampling.Yuv420, 8) => PixelFormat.Yuv420P,
        (ChromaSubsampling.Yuv420, 10) => PixelFormat.Yuv420P10,
        (ChromaSubsampling.Yuv420, 12) => PixelFormat.Yuv420P12,
        _ => PixelFormat.Other, // no GpuFrame layout: such frames come through the plane overloads
    };
}
