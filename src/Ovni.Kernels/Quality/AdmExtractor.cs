// Integer ADM (detail loss measure, libvmaf integer_adm; ALGORITHM.md §4): a 4-level db2 wavelet pyramid,
// decoupling of each detail band into restored and additive parts, CSF weighting, contrast masking and
// Minkowski-3 pooling, all in libvmaf's fixed-point arithmetic so integer_adm2 matches to the last bit.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread ADM workspace for one frame size.</summary>
internal sealed unsafe class AdmExtractor
{
    private static readonly int[] Lo = [15826, 27411, 7345, -4240];
    private static readonly int[] Hi = [-4240, -7345, 27411, -15826];

    // float32 CSF reciprocals per scale: [scale][0 = H/V, 1 = D]
    private static readonly float[,] RFactor =
    {
        { 0.017381537705659866f, 0.005890686996281147f },
        { 0.031984828412532806f, 0.014299067668616772f },
        { 0.043372660875320435f, 0.024396907538175583f },
        { 0.04567341133952141f, 0.0313127376139164f },
    };

    // Q32 integer CSF factors for scales 1..3 (index 0 unused: scale 0 uses hard-coded Q21/Q23 values).
    private static readonly long[,] RFactorQ32 =
    {
        { 0, 0 }, { 137373792, 61414028 }, { 186284160, 104783920 }, { 196165808, 134487184 },
    };

    private const double AngleCos2 = 0.99969542026519775390625; // f32(cos(1 deg)^2)

    private readonly int _width, _height;
    private readonly double _gainLimit; // adm_enhn_gain_limit
    private readonly int[][] _refA = new int[2][], _distA = new int[2][];
    private readonly int[] _refH, _refV, _refD, _distH, _distV, _distD;
    private readonly int[] _restH, _restV, _restD, _maskF, _maskC;
    private readonly long[] _lo, _hi;

    public AdmExtractor(int width, int height, double gainLimit = 100.0)
    {
        _gainLimit = gainLimit;
        _width = width;
        _height = height;
        int band = ((width + 1) / 2) * ((height + 1) / 2);
        for (int i = 0; i < 2; i++) { _refA[i] = new int[band]; _distA[i] = new int[band]; }
        _refH = new int[band]; _refV = new int[band]; _refD = new int[band];
        _distH = new int[band]; _distV = new int[band]; _distD = new int[band];
        _restH = new int[band]; _restV = new int[band]; _restD = new int[band];
        _maskF = new int[band]; _maskC = new int[band];
        _lo = new long[((height + 1) / 2) * width];
        _hi = new long[((height + 1) / 2) * width];
    }

    /// <summary>Computes integer_adm2 and the four per-scale numerators/denominators.</summary>
    public double Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth,
        Span<float> numerators, Span<float> denominators)
    {
        int w = _width, h = _height;
        double num = 0, den = 0;
        fixed (ushort* r0 = reference, d0 = distorted)
        {
            for (int s = 0; s < 4; s++)
            {
                int bw = (w + 1) / 2, bh = (h + 1) / 2;
                int cur = s & 1, prev = cur ^ 1;
                fixed (int* refPrev = _refA[prev], distPrev = _distA[prev])
                {
                    Dwt(s, s == 0 ? r0 : null, refPrev, w, h, bitDepth, _refA[cur], _refH, _refV, _refD);
                    Dwt(s, s == 0 ? d0 : null, distPrev, w, h, bitDepth, _distA[cur], _distH, _distV, _distD);
                }
                ScaleScore(s, bw, bh, out numerators[s], out denominators[s]);
                num += numerators[s];
                den += denominators[s];
                w = bw;
                h = bh;
            }
        }
        double limit = 1e-10 * _width * _height / (1920.0 * 1080.0);
        if (num < limit) num = 0;
        if (den < limit) den = 0;
        return den == 0 ? 1.0 : num / den;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DwtIndex(int p, int n) => p < 0 ? -p : p >= n ? 2 * n - 1 - p : p;

    // One 2-D db2 level: vertical low/high then horizontal low/high, with each scale's rounding.
    private void Dwt(int scale, ushort* src16, int* src32, int w, int h, int bitDepth, int[] a, int[] hBand, int[] vBand, int[] dBand)
    {
        int bh = (h + 1) / 2, bw = (w + 1) / 2;
        int vShift = scale switch { 0 => bitDepth, 1 => 0, _ => 16 };
        long offset = scale == 0 ? 46342L << (bitDepth - 1) : 0;
        int hShift = scale is 1 or 3 ? 15 : 16;
        fixed (long* lo = _lo, hi = _hi)
        {
            for (int i = 0; i < bh; i++)
            {
                int p0 = DwtIndex(2 * i - 1, h) * w, p1 = DwtIndex(2 * i, h) * w;
                int p2 = DwtIndex(2 * i + 1, h) * w, p3 = DwtIndex(2 * i + 2, h) * w;
                long* loRow = lo + (nint)i * w, hiRow = hi + (nint)i * w;
                for (int j = 0; j < w; j++)
                {
                    long x0, x1, x2, x3;
                    if (src16 != null) { x0 = src16[p0 + j]; x1 = src16[p1 + j]; x2 = src16[p2 + j]; x3 = src16[p3 + j]; }
                    else { x0 = src32[p0 + j]; x1 = src32[p1 + j]; x2 = src32[p2 + j]; x3 = src32[p3 + j]; }
                    long l = Lo[0] * x0 + Lo[1] * x1 + Lo[2] * x2 + Lo[3] * x3 - offset;
                    long hh = Hi[0] * x0 + Hi[1] * x1 + Hi[2] * x2 + Hi[3] * x3;
                    loRow[j] = QualityMath.Rnd(l, vShift);
                    hiRow[j] = QualityMath.Rnd(hh, vShift);
                }
            }
            fixed (int* pa = a, ph = hBand, pv = vBand, pd = dBand)
            {
                for (int i = 0; i < bh; i++)
                {
                    long* loRow = lo + (nint)i * w, hiRow = hi + (nint)i * w;
                    int* oa = pa + (nint)i * bw, oh = ph + (nint)i * bw, ov = pv + (nint)i * bw, od = pd + (nint)i * bw;
                    for (int j = 0; j < bw; j++)
                    {
                        int c0 = DwtIndex(2 * j - 1, w), c1 = DwtIndex(2 * j, w), c2 = DwtIndex(2 * j + 1, w), c3 = DwtIndex(2 * j + 2, w);
                        long l0 = loRow[c0], l1 = loRow[c1], l2 = loRow[c2], l3 = loRow[c3];
                        long h0 = hiRow[c0], h1 = hiRow[c1], h2 = hiRow[c2], h3 = hiRow[c3];
                        oa[j] = (int)QualityMath.Rnd(Lo[0] * l0 + Lo[1] * l1 + Lo[2] * l2 + Lo[3] * l3, hShift);
                        ov[j] = (int)QualityMath.Rnd(Hi[0] * l0 + Hi[1] * l1 + Hi[2] * l2 + Hi[3] * l3, hShift);
                        oh[j] = (int)QualityMath.Rnd(Lo[0] * h0 + Lo[1] * h1 + Lo[2] * h2 + Lo[3] * h3, hShift);
                        od[j] = (int)QualityMath.Rnd(Hi[0] * h0 + Hi[1] * h1 + Hi[2] * h2 + Hi[3] * h3, hShift);
                    }
                }
            }
        }
    }

    private void ScaleScore(int scale, int w, int h, out float numerator, out float denominator)
    {
        int left = (int)(0.1 * w - 0.5), top = (int)(0.1 * h - 0.5);
        int right = w - left, bottom = h - top;
        long area = (long)(right - left) * (bottom - top);
        int rowStart = Math.Max(top - 1, 0), rowEnd = Math.Min(bottom + 1, h);
        int colStart = Math.Max(left - 1, 0), colEnd = Math.Min(right + 1, w);

        fixed (int* oH = _refH, oV = _refV, oD = _refD, tH = _distH, tV = _distV, tD = _distD)
        fixed (int* rH = _restH, rV = _restV, rD = _restD, mF = _maskF, mC = _maskC)
        {
            for (int i = rowStart; i < rowEnd; i++)
            {
                for (int j = colStart; j < colEnd; j++)
                {
                    int idx = i * w + j;
                    long ohv = oH[idx], ovv = oV[idx], thv = tH[idx], tvv = tV[idx];
                    long dot = ohv * thv + ovv * tvv;
                    long po = ohv * ohv + ovv * ovv;
                    long pt = thv * thv + tvv * tvv;
                    double fDot = (float)dot / 4096.0, fPo = (float)po / 4096.0, fPt = (float)pt / 4096.0;
                    bool flag = fDot >= 0 && fDot * fDot >= AngleCos2 * fPo * fPt;

                    int sumF = 0, sumC = 0;
                    rH[idx] = Decouple(scale, oH[idx], tH[idx], flag, 0, ref sumF, ref sumC);
                    rV[idx] = Decouple(scale, oV[idx], tV[idx], flag, 0, ref sumF, ref sumC);
                    rD[idx] = Decouple(scale, oD[idx], tD[idx], flag, 1, ref sumF, ref sumC);
                    mF[idx] = sumF;
                    mC[idx] = sumC;
                }
            }

            float third = 1.0f / 3.0f;
            float noise = MathF.Pow((float)(area * 0.03125), third);
            float nH = Numerator(scale, rH, mF, mC, w, h, left, top, right, bottom, 0);
            float nV = Numerator(scale, rV, mF, mC, w, h, left, top, right, bottom, 0);
            float nD = Numerator(scale, rD, mF, mC, w, h, left, top, right, bottom, 1);

            double dH = Denominator(scale, oH, w, left, top, right, bottom, area, 0);
            double dV = Denominator(scale, oV, w, left, top, right, bottom, area, 0);
            double dD = Denominator(scale, oD, w, left, top, right, bottom, area, 1);
            float pH = MathF.Pow((float)dH, third) + noise, pV = MathF.Pow((float)dV, third) + noise;
            float pD = MathF.Pow((float)dD, third) + noise;
            denominator = (float)(pH + pV) + pD;
            float qH = MathF.Pow(nH, third) + noise, qV = MathF.Pow(nV, third) + noise, qD = MathF.Pow(nD, third) + noise;
            numerator = (float)(qH + qV) + qD;
        }
    }

    // Splits distorted t into restored r (returned) and additive a, and adds a's CSF masking weights.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Decouple(int scale, long o, long t, bool flag, int orientation, ref int sumF, ref int sumC)
    {
        long k;
        if (o == 0)
        {
            k = 32768;
        }
        else
        {
            long abs = Math.Abs(o), sign = o < 0 ? -1 : 1;
            if (scale == 0 || abs < 32768)
            {
                long reciprocal = sign * ((1L << 30) / abs);
                k = (reciprocal * t + 16384) >> 15;
            }
            else
            {
                int m = QualityMath.BitLength((ulong)abs) - 15;
                long q = (abs + (1L << (m - 1))) >> m;
                k = (((1L << 30) / q) * t * sign + (1L << (14 + m))) >> (15 + m);
            }
        }
        k = Math.Clamp(k, 0, 32768);
        long ko = k * o;
        long r = (ko + 16384) >> 15;
        if (flag && ko > 0) r = Math.Min((long)(r * _gainLimit), t);
        else if (flag && ko < 0) r = Math.Max((long)(r * _gainLimit), t);
        long a = t - r;
        long cA;
        if (scale == 0)
        {
            r = (short)r;
            a = (short)a;
            cA = orientation == 0 ? (short)((36453 * a + 16384) >> 15) : (short)((49417 * a + 65535) >> 17);
            long abs = Math.Abs(cA);
            sumF += (int)((4369 * abs + 2048) >> 12);
            sumC += (int)((8738 * abs + 2048) >> 12);
        }
        else
        {
            cA = (RFactorQ32[scale, orientation] * a + (1L << 27)) >> 28;
            long abs = Math.Abs(cA);
            sumF += (int)((143165577L * abs - (1L << 31)) >> 32);
            sumC += (int)((286331153L * abs - (1L << 31)) >> 32);
        }
        return (int)r;
    }

    private static int CeilLog2(double x) => (int)Math.Ceiling(Math.Log2(x));

    // Contrast-masked, CSF-weighted restored signal pooled with Minkowski-3 over the inner region.
    private static float Numerator(int scale, int* rest, int* maskF, int* maskC, int w, int h,
        int left, int top, int right, int bottom, int orientation)
    {
        int ri = CeilLog2(h);
        int c = scale == 0 ? (int)Math.Ceiling(Math.Log2(w) - (orientation == 0 ? 4 : 3)) : CeilLog2(w);
        if (c < 0) c = 0;
        long cRound = c > 0 ? 1L << (c - 1) : 0;
        long ir = scale == 0 ? (orientation == 0 ? 36453 : 49417) : RFactorQ32[scale, orientation];
        int u = orientation == 0 ? 10 : 12;
        int p = orientation == 0 ? 29 : 30;
        long acc = 0;
        for (int i = top; i < bottom; i++)
        {
            int up = i == 0 ? 1 : i - 1, down = i + 1 == h ? h - 1 : i + 1;
            long rowSum = 0;
            for (int j = left; j < right; j++)
            {
                int lf = j == 0 ? 1 : j - 1, rt = j + 1 == w ? w - 1 : j + 1;
                long thr = maskC[i * w + j]
                    + maskF[up * w + lf] + maskF[up * w + j] + maskF[up * w + rt]
                    + maskF[i * w + lf] + maskF[i * w + rt]
                    + maskF[down * w + lf] + maskF[down * w + j] + maskF[down * w + rt];
                long r = rest[i * w + j];
                long xp;
                if (scale == 0)
                {
                    long x = (int)(r * ir);
                    xp = Math.Max(Math.Abs(x) - (thr << u), 0);
                    long q = (xp * xp + (1L << (p - 1))) >> p;
                    rowSum += (q * xp + cRound) >> c;
                }
                else
                {
                    long x = (r * ir + (1L << 27)) >> 28;
                    xp = Math.Max(Math.Abs(x) - thr, 0);
                    long q = (xp * xp + (1L << 29)) >> 30;
                    rowSum += (q * xp + cRound) >> c;
                }
            }
            acc += QualityMath.Rnd(rowSum, ri);
        }
        if (scale == 0)
            return (float)(acc / Math.Pow(2, (orientation == 0 ? 52 : 57) - c - ri));
        int g = scale switch { 1 => 45, 2 => 39, _ => 36 };
        return (float)acc / (float)Math.Pow(2, g - c - ri);
    }

    // CSF-weighted reference energy (Minkowski-3) over the inner region, returned before the cube root.
    private static double Denominator(int scale, int* o, int w, int left, int top, int right, int bottom, long area, int orientation)
    {
        double rf = RFactor[scale, orientation];
        double rf3 = Math.Pow(rf, 3);
        if (scale == 0)
        {
            int sa = Math.Max(0, (int)Math.Ceiling(Math.Log2(area) - 20));
            long total = 0;
            for (int i = top; i < bottom; i++)
            {
                long rowSum = 0;
                for (int j = left; j < right; j++)
                {
                    long v = Math.Abs((long)o[i * w + j]);
                    rowSum += v * v * v;
                }
                total += QualityMath.Rnd(rowSum, sa);
            }
            return total / Math.Pow(2, 18 - sa) * rf3;
        }
        else
        {
            int qs = scale == 2 ? 30 : 31;
            int c = CeilLog2(right - left), ra = CeilLog2(bottom - top);
            long cRound = c > 0 ? 1L << (c - 1) : 0;
            int e = scale switch { 1 => 32, 2 => 27, _ => 23 };
            long total = 0;
            for (int i = top; i < bottom; i++)
            {
                long rowSum = 0;
                for (int j = left; j < right; j++)
                {
                    long v = Math.Abs((long)o[i * w + j]);
                    rowSum += ((((v * v + (1L << qs)) >> qs) * v) + cRound) >> c;
                }
                total += QualityMath.Rnd(rowSum, ra);
            }
            return total / Math.Pow(2, e - ra - c) * rf3;
        }
    }
}
