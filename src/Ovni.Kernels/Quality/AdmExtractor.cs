// Integer ADM (detail loss measure, libvmaf integer_adm; ALGORITHM.md §4): a 4-level db2 wavelet pyramid,
// decoupling of each detail band into restored and additive parts, CSF weighting, contrast masking and
// Minkowski-3 pooling, all in libvmaf's fixed-point arithmetic so integer_adm2 matches to the last bit.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread ADM workspace for one frame size.</summary>
internal sealed unsafe class AdmExtractor
{

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

    // floor(2^30 / i) for i = 0..32768 (index 0 unused): replaces a 64-bit division per coefficient.
    internal static readonly int[] Reciprocal = Enumerable.Range(0, 32769).Select(i => i == 0 ? 0 : (1 << 30) / i).ToArray();

    private const double AngleCos2 = 0.99969542026519775390625; // f32(cos(1 deg)^2)

    private readonly int _width, _height;
    private readonly double _gainLimit; // adm_enhn_gain_limit
    private readonly int[][] _refA = new int[2][], _distA = new int[2][];
    private readonly int[] _refH, _refV, _refD, _distH, _distV, _distD;
    private readonly int[] _restH, _restV, _restD, _maskF, _maskC;
    private readonly int[] _lo, _hi;
    private readonly long[] _rowSums; // TermPlanes planes of RowSumStride rows, laid out as FinishScale reads them

    /// <summary>Term planes per scale: numerators H, V, D, then denominators H, V, D.</summary>
    internal const int TermPlanes = 6;

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
        _lo = new int[((height + 1) / 2) * width];
        _hi = new int[((height + 1) / 2) * width];
        _rowSums = new long[TermPlanes * ((height + 1) / 2)];
    }

    /// <summary>Computes integer_adm2 and the four per-scale numerators/denominators.</summary>
    public double Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth,
        Span<float> numerators, Span<float> denominators)
    {
        int w = _width, h = _height;
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
                w = bw;
                h = bh;
            }
        }
        return Combine(_width, _height, numerators, denominators);
    }

    /// <summary>integer_adm2 from the four scales' numerators and denominators of a <paramref name="width"/> x <paramref name="height"/> frame.</summary>
    internal static double Combine(int width, int height, ReadOnlySpan<float> numerators, ReadOnlySpan<float> denominators)
    {
        double num = 0, den = 0;
        for (int s = 0; s < 4; s++)
        {
            num += numerators[s];
            den += denominators[s];
        }
        double limit = 1e-10 * width * height / (1920.0 * 1080.0);
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
        int offset = scale == 0 ? 46342 << (bitDepth - 1) : 0;
        int hShift = scale is 1 or 3 ? 15 : 16;
        fixed (int* lo = _lo, hi = _hi)
        {
            for (int i = 0; i < bh; i++)
            {
                nint p0 = (nint)DwtIndex(2 * i - 1, h) * w, p1 = (nint)DwtIndex(2 * i, h) * w;
                nint p2 = (nint)DwtIndex(2 * i + 1, h) * w, p3 = (nint)DwtIndex(2 * i + 2, h) * w;
                int* loRow = lo + (nint)i * w, hiRow = hi + (nint)i * w;
                if (scale == 0)
                    VerticalScale0(src16 + p0, src16 + p1, src16 + p2, src16 + p3, w, offset, vShift, loRow, hiRow);
                else if (scale == 1)
                    VerticalScale1(src32 + p0, src32 + p1, src32 + p2, src32 + p3, w, loRow, hiRow);
                else
                {
                    for (int j = 0; j < w; j++)
                    {
                        long x0 = src32[p0 + j], x1 = src32[p1 + j], x2 = src32[p2 + j], x3 = src32[p3 + j];
                        loRow[j] = (int)QualityMath.Rnd(Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3, vShift);
                        hiRow[j] = (int)QualityMath.Rnd(Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3, vShift);
                    }
                }
            }
            fixed (int* pa = a, ph = hBand, pv = vBand, pd = dBand)
            {
                long round = 1L << (hShift - 1);
                for (int i = 0; i < bh; i++)
                {
                    int* loRow = lo + (nint)i * w, hiRow = hi + (nint)i * w;
                    int* oa = pa + (nint)i * bw, oh = ph + (nint)i * bw, ov = pv + (nint)i * bw, od = pd + (nint)i * bw;
                    // interior outputs read columns 2j-1..2j+2 without mirroring
                    int interiorEnd = (w - 3) / 2 + 1; // largest j with 2j+2 <= w-1, plus one
                    int j = 0;
                    if (scale == 0 && Avx512F.IsSupported)
                    {
                        // scale-0 sums fit 32 bits: 16 outputs at a time, even/odd columns split by permutes
                        for (j = 1; j + 16 <= interiorEnd; j += 16)
                        {
                            int c = 2 * j - 1;
                            HorizontalDwt16(loRow + c, oa + j, ov + j, (int)round, hShift);
                            HorizontalDwt16(hiRow + c, oh + j, od + j, (int)round, hShift);
                        }
                    }
                    int simdEnd = j;
                    for (j = 0; j < bw; j++)
                    {
                        if (j >= 1 && j < simdEnd) { j = simdEnd - 1; continue; } // done above
                        long l0, l1, l2, l3, h0, h1, h2, h3;
                        if (j >= 1 && j < interiorEnd)
                        {
                            int c = 2 * j - 1;
                            l0 = loRow[c]; l1 = loRow[c + 1]; l2 = loRow[c + 2]; l3 = loRow[c + 3];
                            h0 = hiRow[c]; h1 = hiRow[c + 1]; h2 = hiRow[c + 2]; h3 = hiRow[c + 3];
                        }
                        else
                        {
                            int c0 = DwtIndex(2 * j - 1, w), c1 = DwtIndex(2 * j, w), c2 = DwtIndex(2 * j + 1, w), c3 = DwtIndex(2 * j + 2, w);
                            l0 = loRow[c0]; l1 = loRow[c1]; l2 = loRow[c2]; l3 = loRow[c3];
                            h0 = hiRow[c0]; h1 = hiRow[c1]; h2 = hiRow[c2]; h3 = hiRow[c3];
                        }
                        oa[j] = (int)((Lo0 * l0 + Lo1 * l1 + Lo2 * l2 + Lo3 * l3 + round) >> hShift);
                        ov[j] = (int)((Hi0 * l0 + Hi1 * l1 + Hi2 * l2 + Hi3 * l3 + round) >> hShift);
                        oh[j] = (int)((Lo0 * h0 + Lo1 * h1 + Lo2 * h2 + Lo3 * h3 + round) >> hShift);
                        od[j] = (int)((Hi0 * h0 + Hi1 * h1 + Hi2 * h2 + Hi3 * h3 + round) >> hShift);
                    }
                }
            }
        }
    }

    private static readonly Vector512<int> EvenLanes = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> OddLanes = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    // Low and high horizontal outputs for 16 positions whose taps read src[2m .. 2m+3], m = 0..15.
    private static void HorizontalDwt16(int* src, int* low, int* high, int round, int shift)
    {
        var a = Vector512.Load(src); var b = Vector512.Load(src + 16);
        var a2 = Vector512.Load(src + 2); var b2 = Vector512.Load(src + 18);
        var x0 = Avx512F.PermuteVar16x32x2(a, EvenLanes, b);
        var x1 = Avx512F.PermuteVar16x32x2(a, OddLanes, b);
        var x2 = Avx512F.PermuteVar16x32x2(a2, EvenLanes, b2);
        var x3 = Avx512F.PermuteVar16x32x2(a2, OddLanes, b2);
        var vRound = Vector512.Create(round);
        var l = Vector512.Create(Lo0) * x0 + Vector512.Create(Lo1) * x1 + Vector512.Create(Lo2) * x2 + Vector512.Create(Lo3) * x3;
        var h = Vector512.Create(Hi0) * x0 + Vector512.Create(Hi1) * x1 + Vector512.Create(Hi2) * x2 + Vector512.Create(Hi3) * x3;
        Vector512.Store(Vector512.ShiftRightArithmetic(l + vRound, shift), low);
        Vector512.Store(Vector512.ShiftRightArithmetic(h + vRound, shift), high);
    }

    private const int Lo0 = 15826, Lo1 = 27411, Lo2 = 7345, Lo3 = -4240;
    private const int Hi0 = -4240, Hi1 = -7345, Hi2 = 27411, Hi3 = -15826;

    // Scale 0: samples re-centred on mid-grey; every sum fits 32 bits.
    private static void VerticalScale0(ushort* r0, ushort* r1, ushort* r2, ushort* r3, int w, int offset, int shift, int* lo, int* hi)
    {
        int round = 1 << (shift - 1);
        int j = 0;
        if (Avx2.IsSupported)
        {
            var vOffset = Vector256.Create(round - offset);
            var vRound = Vector256.Create(round);
            for (; j + 8 <= w; j += 8)
            {
                var x0 = Avx2.ConvertToVector256Int32(r0 + j); var x1 = Avx2.ConvertToVector256Int32(r1 + j);
                var x2 = Avx2.ConvertToVector256Int32(r2 + j); var x3 = Avx2.ConvertToVector256Int32(r3 + j);
                var l = Vector256.Create(Lo0) * x0 + Vector256.Create(Lo1) * x1 + Vector256.Create(Lo2) * x2 + Vector256.Create(Lo3) * x3;
                var hh = Vector256.Create(Hi0) * x0 + Vector256.Create(Hi1) * x1 + Vector256.Create(Hi2) * x2 + Vector256.Create(Hi3) * x3;
                Vector256.Store(Vector256.ShiftRightArithmetic(l + vOffset, shift), lo + j);
                Vector256.Store(Vector256.ShiftRightArithmetic(hh + vRound, shift), hi + j);
            }
        }
        for (; j < w; j++)
        {
            int x0 = r0[j], x1 = r1[j], x2 = r2[j], x3 = r3[j];
            lo[j] = (Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3 - offset + round) >> shift;
            hi[j] = (Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3 + round) >> shift;
        }
    }

    // Scale 1: no shift; the scale-0 approximation band is small enough for 32-bit sums.
    private static void VerticalScale1(int* r0, int* r1, int* r2, int* r3, int w, int* lo, int* hi)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= w; j += 8)
            {
                var x0 = Vector256.Load(r0 + j); var x1 = Vector256.Load(r1 + j);
                var x2 = Vector256.Load(r2 + j); var x3 = Vector256.Load(r3 + j);
                Vector256.Store(Vector256.Create(Lo0) * x0 + Vector256.Create(Lo1) * x1 + Vector256.Create(Lo2) * x2 + Vector256.Create(Lo3) * x3, lo + j);
                Vector256.Store(Vector256.Create(Hi0) * x0 + Vector256.Create(Hi1) * x1 + Vector256.Create(Hi2) * x2 + Vector256.Create(Hi3) * x3, hi + j);
            }
        }
        for (; j < w; j++)
        {
            int x0 = r0[j], x1 = r1[j], x2 = r2[j], x3 = r3[j];
            lo[j] = Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3;
            hi[j] = Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3;
        }
    }

    private void ScaleScore(int scale, int w, int h, out float numerator, out float denominator)
    {
        AdmScaleLayout layout = AdmScaleLayout.For(scale, w, h);
        int rowStart = layout.RowStart, rowEnd = layout.RowEnd, colStart = layout.ColStart, colEnd = layout.ColEnd;

        fixed (int* oH = _refH, oV = _refV, oD = _refD, tH = _distH, tV = _distV, tD = _distD)
        fixed (int* rH = _restH, rV = _restV, rD = _restD, mF = _maskF, mC = _maskC)
        {
            bool simd = scale == 0 && Avx512F.IsSupported && Avx512DQ.IsSupported;
            for (int i = rowStart; i < rowEnd; i++)
            {
                int j = colStart;
                if (simd)
                {
                    int row = i * w;
                    for (; j + 8 <= colEnd; j += 8)
                        DecoupleScale0x8(row + j, oH, oV, oD, tH, tV, tD, rH, rV, rD, mF, mC);
                }
                for (; j < colEnd; j++)
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

            int stride = RowSumStride;
            Span<long> rows = _rowSums;
            Numerators(scale, rH, rV, rD, mF, mC, layout, rows[..(3 * stride)], stride);
            DenominatorRows(scale, oH, layout, rows.Slice(3 * stride, stride));
            DenominatorRows(scale, oV, layout, rows.Slice(4 * stride, stride));
            DenominatorRows(scale, oD, layout, rows.Slice(5 * stride, stride));
        }
        FinishScale(layout, _rowSums, RowSumStride, out numerator, out denominator);
    }

    private int RowSumStride => (_height + 1) / 2;

    /// <summary>
    /// A scale's numerator and denominator from its per-row sums: <paramref name="rowSums"/> holds
    /// <see cref="TermPlanes"/> planes <paramref name="stride"/> apart (numerator H, V, D, then denominator H, V, D),
    /// each indexed by band row; only rows [Top, Bottom) are read. Row sums are the plain 64-bit sums over columns
    /// [Left, Right) of the per-coefficient terms (the masked cubes, and the reference cubes).
    /// </summary>
    internal static void FinishScale(in AdmScaleLayout layout, ReadOnlySpan<long> rowSums, int stride,
        out float numerator, out float denominator)
    {
        float third = 1.0f / 3.0f;
        float noise = MathF.Pow((float)(layout.Area * 0.03125), third);
        NumeratorsFromRows(layout, rowSums, stride, out float nH, out float nV, out float nD);

        double dH = DenominatorFromRows(layout, rowSums.Slice(3 * stride), 0);
        double dV = DenominatorFromRows(layout, rowSums.Slice(4 * stride), 0);
        double dD = DenominatorFromRows(layout, rowSums.Slice(5 * stride), 1);
        float pH = MathF.Pow((float)dH, third) + noise, pV = MathF.Pow((float)dV, third) + noise;
        float pD = MathF.Pow((float)dD, third) + noise;
        denominator = (float)(pH + pV) + pD;
        float qH = MathF.Pow(nH, third) + noise, qV = MathF.Pow(nV, third) + noise, qD = MathF.Pow(nD, third) + noise;
        numerator = (float)(qH + qV) + qD;
    }

    // Scale-0 decoupling and CSF/masking weights for eight pixels (same integer semantics as Decouple;
    // floor(2^30/|o|) comes from a double division, exact for |o| < 2^15).
    private void DecoupleScale0x8(int idx, int* oH, int* oV, int* oD, int* tH, int* tV, int* tD,
        int* rH, int* rV, int* rD, int* maskF, int* maskC)
    {
        var ohv = Wide(oH + idx); var ovv = Wide(oV + idx); var thv = Wide(tH + idx); var tvv = Wide(tV + idx);
        var dot = ohv * thv + ovv * tvv;
        var po = ohv * ohv + ovv * ovv;
        var pt = thv * thv + tvv * tvv;
        var scaleQ12 = Vector512.Create(1.0 / 4096.0);
        var fDot = Avx512F.ConvertToVector512Double(Avx512DQ.ConvertToVector256Single(dot)) * scaleQ12;
        var fPo = Avx512F.ConvertToVector512Double(Avx512DQ.ConvertToVector256Single(po)) * scaleQ12;
        var fPt = Avx512F.ConvertToVector512Double(Avx512DQ.ConvertToVector256Single(pt)) * scaleQ12;
        var flag = (Vector512.GreaterThanOrEqual(fDot, Vector512<double>.Zero)
            & Vector512.GreaterThanOrEqual(fDot * fDot, Vector512.Create(AngleCos2) * fPo * fPt)).AsInt64();
        Vector512<long> sumF = default, sumC = default;
        Vector256.Store(Avx512F.ConvertToVector256Int32(DecoupleVec(ohv, thv, flag, 36453, 16384, 15, ref sumF, ref sumC)), rH + idx);
        Vector256.Store(Avx512F.ConvertToVector256Int32(DecoupleVec(ovv, tvv, flag, 36453, 16384, 15, ref sumF, ref sumC)), rV + idx);
        Vector256.Store(Avx512F.ConvertToVector256Int32(DecoupleVec(Wide(oD + idx), Wide(tD + idx), flag, 49417, 65535, 17, ref sumF, ref sumC)), rD + idx);
        Vector256.Store(Avx512F.ConvertToVector256Int32(sumF), maskF + idx);
        Vector256.Store(Avx512F.ConvertToVector256Int32(sumC), maskC + idx);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<long> DecoupleVec(Vector512<long> o, Vector512<long> t, Vector512<long> flag, long ir, long add, int shift,
        ref Vector512<long> sumF, ref Vector512<long> sumC)
    {
        var zero = Vector512<long>.Zero;
        var absO = Vector512.Abs(o);
        var reciprocal = Avx512DQ.ConvertToVector512Int64WithTruncation(
            Vector512.Create((double)(1 << 30)) / Avx512DQ.ConvertToVector512Double(absO));
        reciprocal = Vector512.ConditionalSelect(Vector512.LessThan(o, zero), zero - reciprocal, reciprocal);
        var k = Vector512.ShiftRightArithmetic(reciprocal * t + Vector512.Create(16384L), 15);
        k = Vector512.ConditionalSelect(Vector512.Equals(o, zero), Vector512.Create(32768L), k);
        k = Vector512.Max(Vector512.Min(k, Vector512.Create(32768L)), zero);
        var ko = k * o;
        var r = Vector512.ShiftRightArithmetic(ko + Vector512.Create(16384L), 15);
        var gained = Avx512DQ.ConvertToVector512Int64WithTruncation(Avx512DQ.ConvertToVector512Double(r) * Vector512.Create(_gainLimit));
        r = Vector512.ConditionalSelect(flag & Vector512.GreaterThan(ko, zero), Vector512.Min(gained, t),
            Vector512.ConditionalSelect(flag & Vector512.LessThan(ko, zero), Vector512.Max(gained, t), r));
        r = Vector512.ShiftRightArithmetic(r << 48, 48); // int16 storage
        var a = Vector512.ShiftRightArithmetic((t - r) << 48, 48);
        var cA = Vector512.ShiftRightArithmetic(Vector512.ShiftRightArithmetic(a * Vector512.Create(ir) + Vector512.Create(add), shift) << 48, 48);
        var absA = Vector512.Abs(cA);
        sumF += Vector512.ShiftRightArithmetic(absA * Vector512.Create(4369L) + Vector512.Create(2048L), 12);
        sumC += Vector512.ShiftRightArithmetic(absA * Vector512.Create(8738L) + Vector512.Create(2048L), 12);
        return r;
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
                long reciprocal = sign * Reciprocal[abs];
                k = (reciprocal * t + 16384) >> 15;
            }
            else
            {
                int m = QualityMath.BitLength((ulong)abs) - 15;
                long q = (abs + (1L << (m - 1))) >> m;
                k = ((long)Reciprocal[q] * t * sign + (1L << (14 + m))) >> (15 + m);
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

    // Contrast-masked, CSF-weighted restored signal cubed (Minkowski-3) over the inner region, for the H, V and D
    // bands in one pass (the masking threshold is shared by the three orientations): one 64-bit sum per row and band
    // into rowSums (planes H, V, D, stride apart).
    private static void Numerators(int scale, int* restH, int* restV, int* restD, int* maskF, int* maskC,
        in AdmScaleLayout layout, Span<long> rowSums, int stride)
    {
        int w = layout.Width, h = layout.Height, left = layout.Left, top = layout.Top, right = layout.Right, bottom = layout.Bottom;
        int cHV = layout.ShiftHV, cD = layout.ShiftD;
        long roundHV = cHV > 0 ? 1L << (cHV - 1) : 0, roundD = cD > 0 ? 1L << (cD - 1) : 0;
        long irHV = scale == 0 ? 36453 : RFactorQ32[scale, 0];
        long irD = scale == 0 ? 49417 : RFactorQ32[scale, 1];
        for (int i = top; i < bottom; i++)
        {
            int* up = maskF + (nint)(i == 0 ? 1 : i - 1) * w;
            int* mid = maskF + (nint)i * w;
            int* down = maskF + (nint)(i + 1 == h ? h - 1 : i + 1) * w;
            int* centre = maskC + (nint)i * w;
            int* rh = restH + (nint)i * w, rv = restV + (nint)i * w, rd = restD + (nint)i * w;
            long sumH = 0, sumV = 0, sumD = 0;
            int j = left;
            if (Avx512F.IsSupported && Avx512DQ.IsSupported && j >= 1)
            {
                int end = Math.Min(right, w - 1); // the last column mirrors: scalar
                var vSumH = Vector512<long>.Zero; var vSumV = Vector512<long>.Zero; var vSumD = Vector512<long>.Zero;
                var zero = Vector512<long>.Zero;
                for (; j + 8 <= end; j += 8)
                {
                    var thr = Wide(centre + j) + Wide(up + j - 1) + Wide(up + j) + Wide(up + j + 1) + Wide(mid + j - 1) + Wide(mid + j + 1)
                        + Wide(down + j - 1) + Wide(down + j) + Wide(down + j + 1);
                    if (scale == 0)
                    {
                        var tHV = thr << 10; var tD = thr << 12;
                        vSumH += MaskedVec0(Wide(rh + j), irHV, tHV, 29, cHV, roundHV, zero);
                        vSumV += MaskedVec0(Wide(rv + j), irHV, tHV, 29, cHV, roundHV, zero);
                        vSumD += MaskedVec0(Wide(rd + j), irD, tD, 30, cD, roundD, zero);
                    }
                    else
                    {
                        vSumH += MaskedVec(Wide(rh + j), irHV, thr, cHV, roundHV, zero);
                        vSumV += MaskedVec(Wide(rv + j), irHV, thr, cHV, roundHV, zero);
                        vSumD += MaskedVec(Wide(rd + j), irD, thr, cD, roundD, zero);
                    }
                }
                sumH = Vector512.Sum(vSumH); sumV = Vector512.Sum(vSumV); sumD = Vector512.Sum(vSumD);
            }
            for (; j < right; j++)
            {
                int lf = j == 0 ? 1 : j - 1, rt = j + 1 == w ? w - 1 : j + 1;
                long thr = centre[j] + up[lf] + up[j] + up[rt] + mid[lf] + mid[rt] + down[lf] + down[j] + down[rt];
                if (scale == 0)
                {
                    sumH += Masked0(rh[j], irHV, thr << 10, 29, cHV, roundHV);
                    sumV += Masked0(rv[j], irHV, thr << 10, 29, cHV, roundHV);
                    sumD += Masked0(rd[j], irD, thr << 12, 30, cD, roundD);
                }
                else
                {
                    sumH += Masked(rh[j], irHV, thr, cHV, roundHV);
                    sumV += Masked(rv[j], irHV, thr, cHV, roundHV);
                    sumD += Masked(rd[j], irD, thr, cD, roundD);
                }
            }
            rowSums[i] = sumH;
            rowSums[stride + i] = sumV;
            rowSums[(2 * stride) + i] = sumD;
        }
    }

    // The numerators of one scale from their row sums: rows rounded, summed, scaled back from fixed point.
    private static void NumeratorsFromRows(in AdmScaleLayout layout, ReadOnlySpan<long> rowSums, int stride,
        out float numH, out float numV, out float numD)
    {
        int scale = layout.Scale, ri = layout.NumeratorRowShift, cHV = layout.ShiftHV, cD = layout.ShiftD;
        long accH = 0, accV = 0, accD = 0;
        for (int i = layout.Top; i < layout.Bottom; i++)
        {
            accH += QualityMath.Rnd(rowSums[i], ri);
            accV += QualityMath.Rnd(rowSums[stride + i], ri);
            accD += QualityMath.Rnd(rowSums[(2 * stride) + i], ri);
        }
        if (scale == 0)
        {
            numH = (float)(accH / Math.Pow(2, 52 - cHV - ri));
            numV = (float)(accV / Math.Pow(2, 52 - cHV - ri));
            numD = (float)(accD / Math.Pow(2, 57 - cD - ri));
            return;
        }
        int g = scale switch { 1 => 45, 2 => 39, _ => 36 };
        numH = (float)accH / (float)Math.Pow(2, g - cHV - ri);
        numV = (float)accV / (float)Math.Pow(2, g - cHV - ri);
        numD = (float)accD / (float)Math.Pow(2, g - cD - ri);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Wide(int* p) => Avx512F.ConvertToVector512Int64(Vector256.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> MaskedVec0(Vector512<long> r, long ir, Vector512<long> threshold, int p, int c, long cRound, Vector512<long> zero)
    {
        var x = Vector512.ShiftRightArithmetic((r * Vector512.Create(ir)) << 32, 32); // int32 product, as libvmaf
        var xp = Vector512.Max(Vector512.Abs(x) - threshold, zero);
        var q = Vector512.ShiftRightArithmetic(xp * xp + Vector512.Create(1L << (p - 1)), p);
        return Vector512.ShiftRightArithmetic(q * xp + Vector512.Create(cRound), c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> MaskedVec(Vector512<long> r, long ir, Vector512<long> threshold, int c, long cRound, Vector512<long> zero)
    {
        var x = Vector512.ShiftRightArithmetic(r * Vector512.Create(ir) + Vector512.Create(1L << 27), 28);
        var xp = Vector512.Max(Vector512.Abs(x) - threshold, zero);
        var q = Vector512.ShiftRightArithmetic(xp * xp + Vector512.Create(1L << 29), 30);
        return Vector512.ShiftRightArithmetic(q * xp + Vector512.Create(cRound), c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Masked0(long r, long ir, long threshold, int p, int c, long cRound)
    {
        long x = (int)(r * ir);
        long xp = Math.Max(Math.Abs(x) - threshold, 0);
        long q = (xp * xp + (1L << (p - 1))) >> p;
        return (q * xp + cRound) >> c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Masked(long r, long ir, long threshold, int c, long cRound)
    {
        long x = (r * ir + (1L << 27)) >> 28;
        long xp = Math.Max(Math.Abs(x) - threshold, 0);
        long q = (xp * xp + (1L << 29)) >> 30;
        return (q * xp + cRound) >> c;
    }

    // Reference energy cubed (Minkowski-3) over the inner region: one 64-bit sum per row into rows.
    private static void DenominatorRows(int scale, int* o, in AdmScaleLayout layout, Span<long> rows)
    {
        int w = layout.Width, left = layout.Left, right = layout.Right;
        if (scale == 0)
        {
            for (int i = layout.Top; i < layout.Bottom; i++)
            {
                long rowSum = 0;
                for (int j = left; j < right; j++)
                {
                    long v = Math.Abs((long)o[i * w + j]);
                    rowSum += v * v * v;
                }
                rows[i] = rowSum;
            }
        }
        else
        {
            int qs = scale == 2 ? 30 : 31;
            int c = layout.DenominatorShift;
            long cRound = c > 0 ? 1L << (c - 1) : 0;
            for (int i = layout.Top; i < layout.Bottom; i++)
            {
                long rowSum = 0;
                for (int j = left; j < right; j++)
                {
                    long v = Math.Abs((long)o[i * w + j]);
                    rowSum += ((((v * v + (1L << qs)) >> qs) * v) + cRound) >> c;
                }
                rows[i] = rowSum;
            }
        }
    }

    // CSF-weighted reference energy of one band from its row sums, returned before the cube root.
    private static double DenominatorFromRows(in AdmScaleLayout layout, ReadOnlySpan<long> rows, int orientation)
    {
        int scale = layout.Scale;
        double rf = RFactor[scale, orientation];
        double rf3 = Math.Pow(rf, 3);
        long total = 0;
        if (scale == 0)
        {
            int sa = layout.DenominatorRowShift;
            for (int i = layout.Top; i < layout.Bottom; i++) total += QualityMath.Rnd(rows[i], sa);
            return total / Math.Pow(2, 18 - sa) * rf3;
        }
        else
        {
            int ra = layout.DenominatorRowShift, c = layout.DenominatorShift;
            int e = scale switch { 1 => 32, 2 => 27, _ => 23 };
            for (int i = layout.Top; i < layout.Bottom; i++) total += QualityMath.Rnd(rows[i], ra);
            return total / Math.Pow(2, e - ra - c) * rf3;
        }
    }
}
