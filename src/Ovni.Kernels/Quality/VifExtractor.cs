// Integer VIF at four scales, computed exactly as libvmaf's integer_vif does (see shared/vmaf/ALGORITHM.md §3):
// the dominant cost of VMAF. Each scale runs row by row: a vertical pass of the five local statistics, a horizontal
// pass, then the per-pixel log accumulation. 8-bit scale 0 (most of the work) has its own path in 16-bit lanes
// (VifExtractor.Luma8.cs), as do scales 1 and 2 (VifExtractor.Words.cs); scale 3 and high-bit-depth scale 0 run
// the 32-bit path (VifExtractor.Wide.cs). All are generic over the SIMD width (Lanes/), so Vector512, Vector256 and
// Vector128 machines run the same arithmetic.
using System.Runtime.Intrinsics;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread VIF workspace for one frame size; reusing it keeps scoring allocation-free.</summary>
internal sealed unsafe partial class VifExtractor
{
    private static readonly uint[][] Kernels =
    [
        [489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489],
        [1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244],
        [3571, 16004, 26386, 16004, 3571],
        [10904, 43728, 10904],
    ];

    // Derived tap tables (here, after Kernels: static initialisers of a partial class run in file order).
    // Tap k of the 17-tap filter in both 16-bit halves (rows k and 16-k share it), k = 0..7; the centre row alone.
    private static readonly int[] VerticalPairs = RowPairsOf(Kernels[0]);

    // The 9-tap scale-1 filter the same way, for rows 4..8 of the 17 (its own taps 0..4).
    private static readonly int[] DownVerticalPairs = RowPairsOf(Kernels[1]);

    // Adjacent taps (2t, 2t+1) of scales 0..2 as one pair, the missing last one 0 (scale 3 has a tap of 2^15 or more).
    private static readonly int[][] HorizontalPairs = [AdjacentPairs(Kernels[0]), AdjacentPairs(Kernels[1]), AdjacentPairs(Kernels[2])];

    private static int[] AdjacentPairs(uint[] taps) =>
        [.. Enumerable.Range(0, (taps.Length + 1) / 2).Select(t => (int)(taps[2 * t] | ((2 * t + 1 < taps.Length ? taps[2 * t + 1] : 0) << 16)))];

    // Tap k of scale s's filter in both 16-bit halves for the row pair (k, taps-1-k); the centre row alone (low half).
    private static readonly int[][] RowPairs = [[], RowPairsOf(Kernels[1]), RowPairsOf(Kernels[2])];

    private static int[] RowPairsOf(uint[] taps) =>
        [.. Enumerable.Range(0, taps.Length / 2 + 1).Select(k => (int)(k < taps.Length / 2 ? taps[k] * 0x10001 : taps[k]))];

    private const int Pad = 16; // row margin: half of the widest kernel, plus what the last tap pair reads

    // Q11 log2 for 32768..65535, built from float32 log2f as libvmaf does (double log2 differs in 38 entries);
    // one spare entry at the end because the vector gathers read 32 bits at a time.
    private static readonly ushort[] Log2Table = BuildLogTable();

    private readonly int _width, _height;
    private readonly double _gainLimit; // vif_enhn_gain_limit
    private readonly ushort[][] _refPyramid = new ushort[4][];
    private readonly ushort[][] _distPyramid = new ushort[4][];
    private readonly int[] _scaleWidth = new int[4], _scaleHeight = new int[4];
    private readonly uint[] _padM1, _padM2, _padRR, _padDD, _padRD; // wide path: vertical results with mirrored margins
    private readonly uint[] _m1, _m2, _rr, _dd, _rd; // wide path: horizontal results for one row
    private readonly short[] _words; // 8-bit path: ten offset 16-bit rows with margins (Word* rows)
    private readonly int[] _sigma1, _sigma2, _sigma12; // one row of local statistics, in the order the filters produce them

    public VifExtractor(int width, int height, double gainLimit = 100.0)
    {
        _gainLimit = gainLimit;
        if (width < 16 || height < 16)
            throw new ArgumentOutOfRangeException(nameof(width), $"VIF needs at least 16x16 pixels, got {width}x{height}.");
        _width = width;
        _height = height;
        int w = width, h = height;
        for (int s = 0; s < 4; s++)
        {
            _scaleWidth[s] = w;
            _scaleHeight[s] = h;
            if (s > 0)
            {
                _refPyramid[s] = new ushort[w * h];
                _distPyramid[s] = new ushort[w * h];
            }
            w /= 2;
            h /= 2;
        }
        int padded = width + 2 * Pad + 64;
        _padM1 = new uint[padded]; _padM2 = new uint[padded];
        _padRR = new uint[padded]; _padDD = new uint[padded]; _padRD = new uint[padded];
        _m1 = new uint[width + 64]; _m2 = new uint[width + 64];
        _rr = new uint[width + 64]; _dd = new uint[width + 64]; _rd = new uint[width + 64];
        _words = new short[WordRows * padded];
        _sigma1 = new int[width + 64]; _sigma2 = new int[width + 64]; _sigma12 = new int[width + 64];
    }

    /// <summary>Computes the four scales for one frame pair of luma samples (stride = width).</summary>
    public void Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth, Span<VifScaleResult> scales)
    {
        int n = _width * _height;
        if (reference.Length < n || distorted.Length < n)
            throw new ArgumentException("Plane smaller than the extractor's frame size.");
        if (scales.Length < 4)
            throw new ArgumentException("Room for four scales is needed.", nameof(scales));
        if (WordLanes512.IsSupported)
            Compute<WordLanes512, Vector512<short>>(reference, distorted, bitDepth, scales);
        else if (WordLanes256.IsSupported)
            Compute<WordLanes256, Vector256<short>>(reference, distorted, bitDepth, scales);
        else
            Compute<WordLanes128, Vector128<short>>(reference, distorted, bitDepth, scales);
    }

    private void Compute<TW, TV>(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth, Span<VifScaleResult> scales)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int[] sw = _scaleWidth, sh = _scaleHeight;
        fixed (ushort* r0 = reference, d0 = distorted)
        fixed (ushort* r1 = _refPyramid[1], d1 = _distPyramid[1])
        fixed (ushort* r2 = _refPyramid[2], d2 = _distPyramid[2])
        fixed (ushort* r3 = _refPyramid[3], d3 = _distPyramid[3])
        {
            if (bitDepth == 8)
            {
                scales[0] = StatisticsLuma8<TW, TV>(r0, d0, r1, d1);
            }
            else
            {
                scales[0] = StatisticsWide<TW, TV>(r0, d0, sw[0], sh[0], 0, bitDepth, 2 * (bitDepth - 8));
                DownsampleWide<TW, TV>(r0, sw[0], sh[0], Kernels[1], bitDepth, r1);
                DownsampleWide<TW, TV>(d0, sw[0], sh[0], Kernels[1], bitDepth, d1);
            }
            scales[1] = StatisticsWords<TW, TV>(r1, d1, sw[1], sh[1], 1, r2, d2); // also makes scale 2
            scales[2] = StatisticsWords<TW, TV>(r2, d2, sw[2], sh[2], 2, null, null);
            DownsampleWide<TW, TV>(r2, sw[2], sh[2], Kernels[3], 16, r3);
            DownsampleWide<TW, TV>(d2, sw[2], sh[2], Kernels[3], 16, d3);
            scales[3] = StatisticsWide<TW, TV>(r3, d3, sw[3], sh[3], 3, 16, 16);
        }
    }

    /// <summary>
    /// A scale's result from its integer sums (log-domain numerator and denominator in Q11, the non-log sigma2 sum
    /// and pixel count); shared with the CUDA kernels' host side so both round identically.
    /// </summary>
    internal static VifScaleResult FinishScale(long numLog, long denLog, long numNonLog, long cntNonLog) => new()
    {
        Numerator = (float)(numLog / 2048.0 + (cntNonLog - numNonLog / 16384.0 / 65025.0)),
        Denominator = (float)(denLog / 2048.0 + cntNonLog),
    };

    /// <summary>The filter taps of scale 0..3 (each sums to 2^16); the CUDA kernels get them as a device table.</summary>
    internal static ReadOnlySpan<uint> Filter(int scale) => Kernels[scale];

    /// <summary>The Q11 log2 table of 32768..65535 the CUDA kernels get as a device table.</summary>
    internal static ReadOnlySpan<ushort> Log2Q11Table => Log2Table.AsSpan(0, 32768);

    // The local statistics of one row (sigma arrays) into the scale's sums.
    private void AccumulateRow(int count, ref VifLogSums sums)
    {
        fixed (int* s1 = _sigma1, s2 = _sigma2, s12 = _sigma12)
        fixed (ushort* logTable = Log2Table)
            VifLogAccumulator.AccumulateRow(s1, s2, s12, count, logTable, _gainLimit, ref sums);
    }

    // sigma1, sigma2 (clamped at 0) and sigma12 of one vector of pixels from their filtered means and squares (§3.3).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void StoreSigmas<TW, TV>(TV m1, TV m2, TV rr, TV dd, TV rd, int* s1, int* s2, int* s12)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        TW.Store(TW.Subtract32(rr, TW.MultiplyHighRounded32(m1, m1)), s1);
        TW.Store(TW.Max32(TW.Subtract32(dd, TW.MultiplyHighRounded32(m2, m2)), default), s2);
        TW.Store(TW.Subtract32(rd, TW.MultiplyHighRounded32(m1, m2)), s12);
    }

    // The same for one pixel.
    private static void StoreSigmas(uint m1, uint m2, uint rr, uint dd, uint rd, int* s1, int* s2, int* s12)
    {
        ulong mu1 = m1, mu2 = m2;
        uint mu1Sq = (uint)((mu1 * mu1 + 0x80000000UL) >> 32);
        uint mu2Sq = (uint)((mu2 * mu2 + 0x80000000UL) >> 32);
        uint mu12 = (uint)((mu1 * mu2 + 0x80000000UL) >> 32);
        *s1 = (int)(rr - mu1Sq);
        *s2 = Math.Max((int)(dd - mu2Sq), 0);
        *s12 = (int)(rd - mu12);
    }

    private static void MirrorMargins<T>(T* row, int w, int half) where T : unmanaged
    {
        for (int k = 1; k <= half; k++)
        {
            row[-k] = row[k];
            row[w - 1 + k] = row[w - 1 - k];
        }
    }

    private static ushort[] BuildLogTable()
    {
        var table = new ushort[32769];
        for (int i = 32768; i < 65536; i++)
            table[i - 32768] = (ushort)Math.Floor(MathF.Log2(i) * 2048.0f + 0.5);
        return table;
    }
}
