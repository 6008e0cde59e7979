// libvmaf's float_ssim on luma (IQA-style SSIM): box-filter decimation by round(min(w,h)/256), an 11x11
// Gaussian window (sigma 1.5) applied only where it fits, and the mean of the SSIM map. Samples are put on
// the 8-bit scale first, as libvmaf's float extractors do.
// Matching libvmaf on smooth, heavily coded content needs its numerics, not just the textbook formula: the
// window is separable with taps rounded to 6 decimals (they sum to 1.000002, so a flat window's sigma^2 comes
// out near -4e-6 * mu^2), every filtered plane is stored as float, negative variances are clamped to zero, and
// where a window is flat in either plane a negative covariance counts as zero. On flat areas that last rule
// turns a structure term just under 1 into exactly 1; without it SSIM came out up to 0.00056 low.
namespace Ovni.Kernels.Quality;

/// <summary>Per-thread SSIM workspace for one frame size.</summary>
internal sealed class SsimKernel
{
    private const int Window = 11;
    private static readonly float[] Taps = BuildTaps();

    private readonly int _width, _height, _factor, _scaledWidth, _scaledHeight;
    private readonly float[] _ref, _dist, _refScaled, _distScaled;
    private readonly float[] _products; // x*x, y*y or x*y of the scaled planes before filtering
    private readonly float[] _rowPass;  // horizontal pass result, every row, valid columns only
    private readonly float[] _mu1, _mu2, _s11, _s22, _s12; // filtered planes, valid region only

    public SsimKernel(int width, int height)
    {
        _width = width;
        _height = height;
        _factor = Math.Max(1, (int)MathF.Round(Math.Min(width, height) / 256.0f));
        _scaledWidth = _factor > 1 ? width / _factor + (width & 1) : width;
        _scaledHeight = _factor > 1 ? height / _factor + (height & 1) : height;
        _ref = new float[width * height];
        _dist = new float[width * height];
        _refScaled = _factor > 1 ? new float[_scaledWidth * _scaledHeight] : _ref;
        _distScaled = _factor > 1 ? new float[_scaledWidth * _scaledHeight] : _dist;
        int sw = _scaledWidth, sh = _scaledHeight;
        int ow = Math.Max(0, sw - Window + 1), oh = Math.Max(0, sh - Window + 1);
        _products = new float[sw * sh];
        _rowPass = new float[ow * sh];
        _mu1 = new float[ow * oh]; _mu2 = new float[ow * oh];
        _s11 = new float[ow * oh]; _s22 = new float[ow * oh]; _s12 = new float[ow * oh];
    }

    /// <summary>Mean SSIM of two luma planes (stride = width).</summary>
    public double Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth)
    {
        float scale = 1.0f / (1 << (bitDepth - 8));
        int n = _width * _height;
        for (int i = 0; i < n; i++)
        {
            _ref[i] = reference[i] * scale;
            _dist[i] = distorted[i] * scale;
        }
        if (_factor > 1)
        {
            Decimate(_ref, _refScaled);
            Decimate(_dist, _distScaled);
        }
        return MeanSsim(_refScaled, _distScaled, _scaledWidth, _scaledHeight);
    }

    // Box filter of size factor x factor sampled every factor pixels; half-sample symmetric borders.
    // Accumulates in double and stores float, like the reference.
    private void Decimate(float[] src, float[] dst)
    {
        int f = _factor, w = _width, h = _height;
        int lo = -(f / 2), hi = f / 2 - ((f & 1) == 0 ? 1 : 0);
        float weight = 1.0f / (f * f);
        for (int y = 0; y < _scaledHeight; y++)
        {
            for (int x = 0; x < _scaledWidth; x++)
            {
                double sum = 0;
                for (int v = lo; v <= hi; v++)
                {
                    int yy = Symmetric(y * f + v, h);
                    for (int u = lo; u <= hi; u++)
                        sum += src[yy * w + Symmetric(x * f + u, w)] * weight;
                }
                dst[y * _scaledWidth + x] = (float)sum;
            }
        }
    }

    private static int Symmetric(int i, int n) => i < 0 ? -1 - i : i >= n ? 2 * n - 1 - i : i;

    private double MeanSsim(float[] a, float[] b, int w, int h)
    {
        const float c1 = (0.01f * 255) * (0.01f * 255), c2 = (0.03f * 255) * (0.03f * 255);
        int ow = w - Window + 1, oh = h - Window + 1;
        if (ow <= 0 || oh <= 0) return 1.0;

        Filter(a, a, w, h, _mu1, square: false);
        Filter(b, b, w, h, _mu2, square: false);
        Filter(a, a, w, h, _s11, square: true);
        Filter(b, b, w, h, _s22, square: true);
        Filter(a, b, w, h, _s12, square: true);

        double total = 0;
        int m = ow * oh;
        double c3 = c2 / 2.0;
        for (int i = 0; i < m; i++)
        {
            // moments and variances stay float as in libvmaf; the terms are formed in double so that identical
            // planes give exactly 1
            float m1 = _mu1[i], m2 = _mu2[i];
            float v1 = Math.Max(0f, _s11[i] - m1 * m1);
            float v2 = Math.Max(0f, _s22[i] - m2 * m2);
            float cov = _s12[i] - m1 * m2;
            double sd12 = Math.Sqrt((double)v1 * v2);
            double l = (2.0 * m1 * m2 + c1) / ((double)m1 * m1 + (double)m2 * m2 + c1);
            double c = (2.0 * sd12 + c2) / ((double)v1 + v2 + c2);
            // where a window is flat in either plane, float cancellation can leave a tiny negative covariance;
            // libvmaf treats it as zero there (structure term 1), which is what lifts smooth content
            if (cov < 0f && sd12 <= 0) cov = 0f;
            double s = (cov + c3) / (sd12 + c3);
            total += l * c * s;
        }
        return total / m;
    }

    // Separable 11-tap Gaussian over the valid region of p*q (or p when !square): horizontal pass over every row,
    // then vertical; each pass sums in double and rounds to float.
    private void Filter(float[] p, float[] q, int w, int h, float[] dst, bool square)
    {
        int ow = w - Window + 1, oh = h - Window + 1;
        float[] src = p;
        if (square)
        {
            for (int i = 0; i < w * h; i++) _products[i] = p[i] * q[i];
            src = _products;
        }
        for (int y = 0; y < h; y++)
        {
            int row = y * w;
            for (int x = 0; x < ow; x++)
            {
                double sum = 0;
                for (int k = 0; k < Window; k++) sum += src[row + x + k] * Taps[k];
                _rowPass[y * ow + x] = (float)sum;
            }
        }
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                double sum = 0;
                for (int k = 0; k < Window; k++) sum += _rowPass[(y + k) * ow + x] * Taps[k];
                dst[y * ow + x] = (float)sum;
            }
        }
    }

    // Normalised Gaussian, sigma 1.5, then rounded to 6 decimals as libvmaf tabulates it (not renormalised).
    private static float[] BuildTaps()
    {
        var g = new double[Window];
        double sum = 0;
        for (int i = 0; i < Window; i++)
        {
            double d = i - Window / 2;
            g[i] = Math.Exp(-d * d / (2 * 1.5 * 1.5));
            sum += g[i];
        }
        var taps = new float[Window];
        for (int i = 0; i < Window; i++) taps[i] = (float)Math.Round(g[i] / sum, 6);
        return taps;
    }
}
