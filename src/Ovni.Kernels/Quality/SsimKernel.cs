// libvmaf's float_ssim on luma (IQA-style SSIM): box-filter decimation by round(min(w,h)/256), an 11x11
// Gaussian window (sigma 1.5) applied only where it fits, and the mean of the SSIM map. Samples are put on
// the 8-bit scale first, as libvmaf's float extractors do.
namespace Ovni.Kernels.Quality;

/// <summary>Per-thread SSIM workspace for one frame size.</summary>
internal sealed class SsimKernel
{
    private const int Window = 11;
    private static readonly double[] Gaussian = BuildGaussian();

    private readonly int _width, _height, _factor, _scaledWidth, _scaledHeight;
    private readonly float[] _ref, _dist, _refScaled, _distScaled;
    private readonly double[] _mu1, _mu2, _s11, _s22, _s12; // vertical pass results, one row
    private readonly double[][] _rows;

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
        _mu1 = new double[_scaledWidth]; _mu2 = new double[_scaledWidth];
        _s11 = new double[_scaledWidth]; _s22 = new double[_scaledWidth]; _s12 = new double[_scaledWidth];
        _rows = [_mu1, _mu2, _s11, _s22, _s12];
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
    private void Decimate(float[] src, float[] dst)
    {
        int f = _factor, w = _width, h = _height;
        int lo = -(f / 2), hi = f / 2 - ((f & 1) == 0 ? 1 : 0);
        float weight = 1.0f / (f * f);
        for (int y = 0; y < _scaledHeight; y++)
        {
            for (int x = 0; x < _scaledWidth; x++)
            {
                float sum = 0;
                for (int v = lo; v <= hi; v++)
                {
                    int yy = Symmetric(y * f + v, h);
                    for (int u = lo; u <= hi; u++)
                        sum += src[yy * w + Symmetric(x * f + u, w)] * weight;
                }
                dst[y * _scaledWidth + x] = sum;
            }
        }
    }

    private static int Symmetric(int i, int n) => i < 0 ? -1 - i : i >= n ? 2 * n - 1 - i : i;

    private double MeanSsim(float[] a, float[] b, int w, int h)
    {
        const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
        int ow = w - Window + 1, oh = h - Window + 1;
        if (ow <= 0 || oh <= 0) return 1.0;
        double total = 0;
        for (int y = 0; y < oh; y++)
        {
            // vertical Gaussian pass for the five moments of this output row, over every column
            foreach (var r in _rows) Array.Clear(r);
            for (int k = 0; k < Window; k++)
            {
                double g = Gaussian[k];
                int row = (y + k) * w;
                for (int x = 0; x < w; x++)
                {
                    double p = a[row + x], q = b[row + x];
                    _mu1[x] += g * p; _mu2[x] += g * q;
                    _s11[x] += g * p * p; _s22[x] += g * q * q; _s12[x] += g * p * q;
                }
            }
            for (int x = 0; x < ow; x++)
            {
                double m1 = 0, m2 = 0, e11 = 0, e22 = 0, e12 = 0;
                for (int k = 0; k < Window; k++)
                {
                    double g = Gaussian[k];
                    m1 += g * _mu1[x + k]; m2 += g * _mu2[x + k];
                    e11 += g * _s11[x + k]; e22 += g * _s22[x + k]; e12 += g * _s12[x + k];
                }
                double v1 = e11 - m1 * m1, v2 = e22 - m2 * m2, cov = e12 - m1 * m2;
                total += (2 * m1 * m2 + c1) * (2 * cov + c2) / ((m1 * m1 + m2 * m2 + c1) * (v1 + v2 + c2));
            }
        }
        return total / ((double)ow * oh);
    }

    private static double[] BuildGaussian()
    {
        var g = new double[Window];
        double sum = 0;
        for (int i = 0; i < Window; i++)
        {
            double d = i - Window / 2;
            g[i] = Math.Exp(-d * d / (2 * 1.5 * 1.5));
            sum += g[i];
        }
        for (int i = 0; i < Window; i++) g[i] /= sum;
        return g;
    }
}
