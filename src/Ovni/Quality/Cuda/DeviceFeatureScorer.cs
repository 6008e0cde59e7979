// Why: a pipeline whose frames live on a CUDA device scores them there: the luma planes are packed on the device,
// VIF, ADM and motion run as kernels (native/kernels/vmaf_*.cu, bit-exact twins of the CPU extractors) and only
// per-row sums come back. PSNR and SSIM have no kernels; when asked for, the frames are downloaded for them.
using Ovni.Devices.Cuda;
using Ovni.Kernels.Quality;

namespace Ovni.Quality.Cuda;

/// <summary>One scorer's device state: packed luma buffers (current, previous reference) and the extractors.</summary>
internal sealed class DeviceFeatureScorer : IDisposable
{
    private readonly CudaDevice _device;
    private readonly CudaKernels _kernels;
    private readonly YuvFormat _format;
    private readonly CudaVifFeatures? _vif;
    private readonly CudaAdmFeatures? _adm;
    private readonly CudaMotionFeatures? _motion;
    private readonly FrameFeatureWorker? _hostMetrics;
    private readonly FrameBuffers? _hostBuffers;
    private readonly VifScaleResult[] _scales = new VifScaleResult[4];
    private readonly float[] _admNumerators = new float[4], _admDenominators = new float[4];
    private CudaDeviceBuffer _reference, _previousReference;
    private readonly CudaDeviceBuffer _distorted;
    private FrameConverter? _referenceConverter, _distortedConverter;
    private bool _hasPrevious;

    public DeviceFeatureScorer(CudaDevice device, YuvFormat format, QualityMetrics metrics, double vifGainLimit, double admGainLimit)
    {
        _device = device;
        _kernels = device.Kernels;
        _format = format;
        int rowBytes = format.Width * sizeof(ushort);
        _reference = CudaDeviceBuffer.AllocatePitched(device.Context, rowBytes, format.Height);
        _previousReference = CudaDeviceBuffer.AllocatePitched(device.Context, rowBytes, format.Height);
        _distorted = CudaDeviceBuffer.AllocatePitched(device.Context, rowBytes, format.Height);
        if (metrics.HasFlag(QualityMetrics.Vmaf))
        {
            _vif = new CudaVifFeatures(device, format.Width, format.Height, vifGainLimit);
            _adm = new CudaAdmFeatures(device, format.Width, format.Height, admGainLimit);
            _motion = new CudaMotionFeatures(device, format.Width, format.Height);
        }
        QualityMetrics hostMetrics = metrics & (QualityMetrics.Psnr | QualityMetrics.Ssim);
        if (hostMetrics != 0)
        {
            _hostMetrics = new FrameFeatureWorker(format, hostMetrics, vifGainLimit, admGainLimit);
            _hostBuffers = new FrameBuffers(format);
        }
    }

    public CudaDevice Device => _device;

    /// <summary>Scores one pair (when <paramref name="scored"/>) and keeps its reference luma for the next frame's motion.</summary>
    public void Compute(GpuFrame reference, GpuFrame distorted, bool scored, ref FrameFeatures result)
    {
        int bitDepth = _format.BitDepth;
        result.Adm2 = result.Motion = result.Vif0 = result.Vif1 = result.Vif2 = result.Vif3 = double.NaN;
        result.PsnrY = result.PsnrCb = result.PsnrCr = result.Ssim = double.NaN;
        if (_vif is not null && _adm is not null && _motion is not null)
        {
            LoadLuma(reference, _reference);
            if (scored)
            {
                LoadLuma(distorted, _distorted);
                _vif.Compute(_reference, _distorted, bitDepth, _scales);
                result.Vif0 = _scales[0].Score;
                result.Vif1 = _scales[1].Score;
                result.Vif2 = _scales[2].Score;
                result.Vif3 = _scales[3].Score;
                result.Adm2 = _adm.Compute(_reference, _distorted, bitDepth, _admNumerators, _admDenominators);
                result.Motion = _hasPrevious ? _motion.Compute(_previousReference, _reference, bitDepth) : 0.0;
            }
            (_reference, _previousReference) = (_previousReference, _reference);
            _hasPrevious = true;
        }
        if (scored && _hostMetrics is not null && _hostBuffers is not null)
        {
            Download(reference, ref _referenceConverter, _hostBuffers.RefY, _hostBuffers.RefU, _hostBuffers.RefV);
            Download(distorted, ref _distortedConverter, _hostBuffers.DistY, _hostBuffers.DistU, _hostBuffers.DistV);
            _hostBuffers.HasChroma = true;
            var host = new FrameFeatures();
            _hostMetrics.Compute(_hostBuffers, null, ref host);
            result.PsnrY = host.PsnrY;
            result.PsnrCb = host.PsnrCb;
            result.PsnrCr = host.PsnrCr;
            result.Ssim = host.Ssim;
        }
    }

    private void LoadLuma(GpuFrame frame, CudaDeviceBuffer target)
    {
        PixelFormatInfo info = frame.FormatInfo;
        int bytesPerSample = info.BitDepth > 8 ? 2 : 1;
        // P010/P016 keep their samples in the high bits of each 16-bit word; planar 10/12-bit layouts in the low bits.
        int shift = frame.Format == PixelFormat.P010 ? 16 - info.BitDepth : 0;
        CudaLumaLoader.Load(_kernels, (ulong)frame.GetPlanePointer(0), frame.GetPitch(0), _format.Width, _format.Height,
            bytesPerSample, shift, target);
    }

    // PSNR/SSIM read the scorer's planar layout; semi-planar device formats are de-interleaved by swscale on the host.
    private void Download(GpuFrame frame, ref FrameConverter? converter, ushort[] y, ushort[] u, ushort[] v)
    {
        using GpuFrame host = frame.Download();
        GpuFrame planar = host;
        GpuFrame? converted = null;
        try
        {
            PixelFormat planarFormat = QualityScorer.PlanarFormat(_format);
            if (host.Format != planarFormat)
            {
                converter ??= new FrameConverter(planarFormat);
                planar = converted = converter.Convert(host);
            }
            int cw = _format.ChromaWidth;
            if (_format.BitDepth > 8)
            {
                ScoringPlanes.Copy<ushort>(planar.GetPlane<ushort>(0), y, _format.Width);
                ScoringPlanes.Copy<ushort>(planar.GetPlane<ushort>(1), u, cw);
                ScoringPlanes.Copy<ushort>(planar.GetPlane<ushort>(2), v, cw);
            }
            else
            {
                ScoringPlanes.Copy<byte>(planar.GetPlane<byte>(0), y, _format.Width);
                ScoringPlanes.Copy<byte>(planar.GetPlane<byte>(1), u, cw);
                ScoringPlanes.Copy<byte>(planar.GetPlane<byte>(2), v, cw);
            }
        }
        finally
        {
            converted?.Dispose();
        }
    }

    public void Dispose()
    {
        _vif?.Dispose();
        _adm?.Dispose();
        _motion?.Dispose();
        _referenceConverter?.Dispose();
        _distortedConverter?.Dispose();
        _reference.Dispose();
        _previousReference.Dispose();
        _distorted.Dispose();
    }
}
