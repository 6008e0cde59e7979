// Integer ADM (detail loss measure, libvmaf integer_adm; ALGORITHM.md §4): a 4-level db2 wavelet pyramid,
// decoupling of each detail band into restored and additive parts, CSF weighting, contrast masking and
// Minkowski-3 pooling, all in libvmaf's fixed-point arithmetic so integer_adm2 matches to the last bit.
// Each scale streams band row by band row: the wavelet row of both images, its denominator terms, its decoupling,
// and the previous row's masked numerator terms (the 3x3 masking needs the next row), so the detail bands and the
// masks live in a few rows that stay in cache; only the approximation band, the next scale's input, is stored whole.
// Scale 0 (three quarters of the work) runs in 32-bit lanes at every SIMD width (Lanes/); its values are bounded
// (|band| <= 22930 for any bit depth, ALGORITHM.md §4.1), which keeps every product there within 32 bits.
using System.Runtime.Intrinsics;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread ADM workspace for one frame size.</summary>
internal sealed unsafe partial class AdmExtractor
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
    private const int Margin = 16; // row margin (the wavelet reads one sample left and two right; vectors read past row ends)

    /// <summary>Term planes per scale: numerators H, V, D, then denominators H, V, D.</summary>
    internal const int TermPlanes = 6;

    private readonly int _width, _height;
    private readonly double _gainLimit; // adm_enhn_gain_limit
    private readonly int _integerGain; // the gain limit when it is a whole number in [0, 65535] (exact in 32-bit lanes), else -1
    private readonly int[] _refA0, _distA0; // scale-0 approximation bands (scale 1's input)
    private readonly int[][] _refA = new int[2][], _distA = new int[2][]; // scales 1 and 2, ping-pong
    private readonly short[] _lo16, _hi16; // scale 0: one vertical wavelet row, 16-bit with margins
    private readonly int[] _lo, _hi; // scales 1..3: the same in 32 bits
    private readonly int[] _bands; // current band row: reference H, V, D, distorted H, V, D (BandRow apart)
    private readonly int[] _ring; // three rows each of restored H, V, D, mask F, mask C (RingRow apart)
    private readonly long[] _rowSums; // TermPlanes planes of RowSumStride rows, laid out as FinishScale reads them
    private readonly int _bandRow, _ringRow;

    public AdmExtractor(int width, int height, double gainLimit = 100.0)
    {
        _gainLimit = gainLimit;
        _integerGain = gainLimit >= 0 && gainLimit <= 65535 && gainLimit == Math.Floor(gainLimit) ? (int)gainLimit : -1;
        _width = width;
        _height = height;
        int bw = (width + 1) / 2, bh = (height + 1) / 2;
        _refA0 = new int[bw * bh];
        _distA0 = new int[bw * bh];
        int bw1 = (bw + 1) / 2, bh1 = (bh + 1) / 2;
        for (int i = 0; i < 2; i++)
        {
            _refA[i] = new int[bw1 * bh1];
            _distA[i] = new int[bw1 * bh1];
        }
        int row = width + 2 * Margin + 64;
        _lo16 = new short[row];
        _hi16 = new short[row];
        _lo = new int[row];
        _hi = new int[row];
        _bandRow = bw + 2 * Margin + 64;
        _bands = new int[6 * _bandRow];
        _ringRow = _bandRow;
        _ring = new int[3 * RingPlanes * _ringRow];
        _rowSums = new long[TermPlanes * bh];
    }

    // Ring planes per row slot: restored H, V, D, mask F (neighbour weights), mask C (centre weights).
    private const int RingPlanes = 5;

    /// <summary>Computes integer_adm2 and the four per-scale numerators/denominators.</summary>
    public double Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth,
        Span<float> numerators, Span<float> denominators)
    {
        if (reference.Length < _width * _height || distorted.Length < _width * _height)
            throw new ArgumentException("Plane smaller than the extractor's frame size.");
        if (bitDepth is < 8 or > 12)
            throw new ArgumentOutOfRangeException(nameof(bitDepth), $"ADM takes 8- to 12-bit samples, got {bitDepth}-bit.");
        if (WordLanes512.IsSupported)
            Compute<WordLanes512, Vector512<short>>(reference, distorted, bitDepth, numerators, denominators);
        else if (WordLanes256.IsSupported)
            Compute<WordLanes256, Vector256<short>>(reference, distorted, bitDepth, numerators, denominators);
        else
            Compute<WordLanes128, Vector128<short>>(reference, distorted, bitDepth, numerators, denominators);
        return Combine(_width, _height, numerators, denominators);
    }

    private void Compute<TW, TV>(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth,
        Span<float> numerators, Span<float> denominators)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int w = _width, h = _height;
        fixed (ushort* r0 = reference, d0 = distorted)
        fixed (int* refA0 = _refA0, distA0 = _distA0, refA1 = _refA[0], distA1 = _distA[0], refA2 = _refA[1], distA2 = _distA[1])
        fixed (long* rowSums = _rowSums)
        {
            for (int s = 0; s < 4; s++)
            {
                int bw = (w + 1) / 2, bh = (h + 1) / 2;
                AdmScaleLayout layout = AdmScaleLayout.For(s, bw, bh);
                // inputs: the luma at scale 0, then the previous approximation band; outputs: this scale's (none at scale 3)
                int* refIn = s switch { 1 => refA0, 2 => refA1, _ => refA2 }, distIn = s switch { 1 => distA0, 2 => distA1, _ => distA2 };
                int* refOut = s switch { 0 => refA0, 1 => refA1, 2 => refA2, _ => null };
                int* distOut = s switch { 0 => distA0, 1 => distA1, 2 => distA2, _ => null };
                ScaleRows<TW, TV>(layout, r0, d0, refIn, distIn, refOut, distOut, w, h, bitDepth, rowSums, bh);
                FinishScale(layout, new ReadOnlySpan<long>(rowSums, TermPlanes * bh), bh, out numerators[s], out denominators[s]);
                w = bw;
                h = bh;
            }
        }
    }

    // The row-streaming loop of one scale: fills the row sums FinishScale reads (planes stride rows apart).
    private void ScaleRows<TW, TV>(in AdmScaleLayout layout, ushort* reference16, ushort* distorted16, int* reference, int* distorted,
        int* referenceOut, int* distortedOut, int w, int h, int bitDepth, long* rowSums, int stride)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int scale = layout.Scale, bw = layout.Width, bh = layout.Height;
        fixed (int* bands = _bands, ring = _ring)
        {
            int* oH = bands + Margin, oV = oH + _bandRow, oD = oV + _bandRow;
            int* tH = oD + _bandRow, tV = tH + _bandRow, tD = tV + _bandRow;
            for (int i = 0; i < bh; i++)
            {
                int* refA = referenceOut is null ? null : referenceOut + (nint)i * bw;
                int* distA = distortedOut is null ? null : distortedOut + (nint)i * bw;
                if (scale == 0)
                {
                    DwtRow0<TW, TV>(reference16, i, w, h, bitDepth, refA, oH, oV, oD);
                    DwtRow0<TW, TV>(distorted16, i, w, h, bitDepth, distA, tH, tV, tD);
                }
                else
                {
                    DwtRow<TW, TV>(scale, reference, i, w, h, refA, oH, oV, oD);
                    DwtRow<TW, TV>(scale, distorted, i, w, h, distA, tH, tV, tD);
                }
                if (i >= layout.Top && i < layout.Bottom)
                {
                    rowSums[3 * stride + i] = DenominatorRow<TW, TV>(scale, oH, layout);
                    rowSums[4 * stride + i] = DenominatorRow<TW, TV>(scale, oV, layout);
                    rowSums[5 * stride + i] = DenominatorRow<TW, TV>(scale, oD, layout);
                }
                if (i >= layout.RowStart && i < layout.RowEnd)
                    DecoupleRow<TW, TV>(scale, layout, oH, oV, oD, tH, tV, tD, RingSlot(ring, i));
                if (i - 1 >= layout.Top && i - 1 < layout.Bottom)
                    NumeratorRow<TW, TV>(layout, ring, i - 1, rowSums, stride);
            }
            if (bh - 1 >= layout.Top && bh - 1 < layout.Bottom)
                NumeratorRow<TW, TV>(layout, ring, bh - 1, rowSums, stride);
        }
    }

    // Row i's ring slot: restored H at the result, V, D, mask F, mask C each _ringRow further.
    private int* RingSlot(int* ring, int row) => ring + Margin + (row % 3) * RingPlanes * _ringRow;

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
