// One scoring thread's extractors (VIF, ADM, motion, SSIM workspaces): created once per worker so that
// scoring a frame allocates nothing.
using Ovni.Kernels.Quality;

namespace Ovni.Quality;

internal sealed class FrameFeatureWorker
{
    private readonly YuvFormat _format;
    private readonly QualityMetrics _metrics;
    private readonly VifExtractor? _vif;
    private readonly AdmExtractor? _adm;
    private readonly MotionExtractor? _motion;
    private readonly SsimKernel? _ssim;
    private readonly VifScaleResult[] _vifScales = new VifScaleResult[4];
    private readonly float[] _admNum = new float[4], _admDen = new float[4];

    public FrameFeatureWorker(YuvFormat format, QualityMetrics metrics, double vifGainLimit, double admGainLimit)
    {
        _format = format;
        _metrics = metrics;
        if (metrics.HasFlag(QualityMetrics.Vmaf))
        {
            _vif = new VifExtractor(format.Width, format.Height, vifGainLimit);
            _adm = new AdmExtractor(format.Width, format.Height, admGainLimit);
            _motion = new MotionExtractor(format.Width, format.Height);
        }
        if (metrics.HasFlag(QualityMetrics.Ssim))
            _ssim = new SsimKernel(format.Width, format.Height);
    }

    public void Compute(FrameBuffers current, FrameBuffers? previous, ref FrameFeatures result)
    {
        int bpc = _format.BitDepth;
        result.Adm2 = result.Motion = result.Vif0 = result.Vif1 = result.Vif2 = result.Vif3 = double.NaN;
        result.PsnrY = result.PsnrCb = result.PsnrCr = result.Ssim = double.NaN;
        if (_vif is not null && _adm is not null && _motion is not null)
        {
            _vif.Compute(current.RefY, current.DistY, bpc, _vifScales);
            result.Vif0 = _vifScales[0].Score;
            result.Vif1 = _vifScales[1].Score;
            result.Vif2 = _vifScales[2].Score;
            result.Vif3 = _vifScales[3].Score;
            result.Adm2 = _adm.Compute(current.RefY, current.DistY, bpc, _admNum, _admDen);
            result.Motion = previous is null ? 0.0 : _motion.Compute(previous.RefY, current.RefY, bpc);
        }
        if (_metrics.HasFlag(QualityMetrics.Psnr))
        {
            result.PsnrY = Psnr(current.RefY, current.DistY, bpc);
            if (current.HasChroma)
            {
                result.PsnrCb = Psnr(current.RefU, current.DistU, bpc);
                result.PsnrCr = Psnr(current.RefV, current.DistV, bpc);
            }
        }
        if (_ssim is not null)
            result.Ssim = _ssim.Compute(current.RefY, current.DistY, bpc);
    }

    // libvmaf psnr: 10*log10(peak^2/mse), capped at 6*bpc+12 dB (60 dB for 8-bit) which also covers mse = 0.
    private static double Psnr(ushort[] a, ushort[] b, int bpc)
    {
        ulong sse = PsnrKernel.SumSquaredError(a, b);
        double peak = (1 << bpc) - 1;
        double cap = 6.0 * bpc + 12.0;
        if (sse == 0) return cap;
        double mse = (double)sse / a.Length;
        return Math.Min(10.0 * Math.Log10(peak * peak / mse), cap);
    }
}
