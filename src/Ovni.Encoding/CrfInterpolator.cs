// Reads the CRF that meets a target off the probes made so far: between two bracketing probes by a straight line, with
// three or more by a monotone cubic (Fritsch–Carlson PCHIP) through (CRF, VMAF), which follows the curve's bend without
// overshooting between probes; outside the probes by the slope of the nearest two (or the encoder's typical slope).
namespace Ovni.Encoding;

internal static class CrfInterpolator
{
    /// <summary>Probes sorted by CRF with VMAF made non-increasing (noise between close probes must not fold the curve).</summary>
    internal static (double[] Crf, double[] Vmaf) Curve(IEnumerable<(double Crf, double Vmaf)> probes)
    {
        var sorted = probes.GroupBy(p => p.Crf).Select(g => (Crf: g.Key, Vmaf: g.Average(p => p.Vmaf))).OrderBy(p => p.Crf).ToArray();
        double[] x = sorted.Select(p => p.Crf).ToArray(), y = sorted.Select(p => p.Vmaf).ToArray();
        for (int i = 1; i < y.Length; i++) y[i] = Math.Min(y[i], y[i - 1]);
        return (x, y);
    }

    /// <summary>Predicted VMAF at <paramref name="crf"/>.</summary>
    internal static double Predict(double[] x, double[] y, double crf, double fallbackSlope)
    {
        int n = x.Length;
        if (n == 1) return y[0] - (crf - x[0]) * fallbackSlope;
        if (crf <= x[0]) return y[0] + (x[0] - crf) * Slope(x[0], y[0], x[1], y[1], fallbackSlope);
        if (crf >= x[n - 1]) return y[n - 1] - (crf - x[n - 1]) * Slope(x[n - 2], y[n - 2], x[n - 1], y[n - 1], fallbackSlope);
        int k = Array.BinarySearch(x, crf);
        if (k >= 0) return y[k];
        k = ~k - 1;
        if (n == 2) return y[k] + (y[k + 1] - y[k]) * (crf - x[k]) / (x[k + 1] - x[k]);
        double[] d = PchipSlopes(x, y);
        double h = x[k + 1] - x[k], t = (crf - x[k]) / h;
        double h00 = (1 + 2 * t) * (1 - t) * (1 - t), h10 = t * (1 - t) * (1 - t), h01 = t * t * (3 - 2 * t), h11 = t * t * (t - 1);
        return h00 * y[k] + h10 * h * d[k] + h01 * y[k + 1] + h11 * h * d[k + 1];
    }

    /// <summary>VMAF lost per CRF step near <paramref name="crf"/> (positive), from the probes or the fallback.</summary>
    internal static double LocalSlope(double[] x, double[] y, double crf, double fallbackSlope)
    {
        if (x.Length < 2) return fallbackSlope;
        int k = 0;
        while (k < x.Length - 2 && x[k + 1] < crf) k++;
        return Slope(x[k], y[k], x[k + 1], y[k + 1], fallbackSlope);
    }

    private static double Slope(double x0, double y0, double x1, double y1, double fallback)
    {
        double s = (y0 - y1) / (x1 - x0);
        return s > 0.05 ? s : fallback;
    }

    private static double[] PchipSlopes(double[] x, double[] y)
    {
        int n = x.Length;
        var h = new double[n - 1];
        var delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++)
        {
            h[i] = x[i + 1] - x[i];
            delta[i] = (y[i + 1] - y[i]) / h[i];
        }
        var d = new double[n];
        for (int i = 1; i < n - 1; i++)
        {
            if (delta[i - 1] * delta[i] <= 0) d[i] = 0;
            else
            {
                double w1 = 2 * h[i] + h[i - 1], w2 = h[i] + 2 * h[i - 1];
                d[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
            }
        }
        d[0] = EndSlope(h[0], n > 2 ? h[1] : h[0], delta[0], n > 2 ? delta[1] : delta[0]);
        d[n - 1] = EndSlope(h[n - 2], n > 2 ? h[n - 3] : h[n - 2], delta[n - 2], n > 2 ? delta[n - 3] : delta[n - 2]);
        return d;
    }

    private static double EndSlope(double h0, double h1, double d0, double d1)
    {
        double d = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(d0)) return 0;
        if (Math.Sign(d0) != Math.Sign(d1) && Math.Abs(d) > Math.Abs(3 * d0)) return 3 * d0;
        return d;
    }
}
