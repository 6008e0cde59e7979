// Integer motion (libvmaf integer_motion, "blur the difference" variant of v3.2; ALGORITHM.md §5): the mean
// absolute value of the 5-tap blurred difference between consecutive reference luma frames.
// Differences fit 16 bits, so pmaddwd does the vertical taps in pairs (rows 0+4 and 1+3 share a tap). The vertical
// result v = rnd_bpc(sum c*d) needs 17 bits; it is kept as h = v >> 1 and l = v & 1 (both 16-bit), and
// rnd_16(sum c*v) = (sum c*h + ((sum c*l + 2^15) >> 1)) >> 15 exactly (2*sum c*h + sum c*l + 2^15 is twice that
// inner sum plus at most one), which keeps every sum within 32 bits.
using System.Runtime.Intrinsics;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread motion workspace for one frame size.</summary>
internal sealed unsafe class MotionExtractor
{
    private static readonly int[] Kernel = [3571, 16004, 26386, 16004, 3571];
    private const int Pad = 16;
    private readonly int _width, _height;
    private readonly short[] _half, _low; // one vertically blurred row as v >> 1 and v & 1, with mirrored margins
    private int[]? _wideRow; // the same in 32 bits, for samples beyond 12 bits

    public MotionExtractor(int width, int height)
    {
        _width = width;
        _height = height;
        _half = new short[width + 2 * Pad + 64];
        _low = new short[width + 2 * Pad + 64];
    }

    /// <summary>Motion score m[i] between the previous and the current reference luma (capped at 10000).</summary>
    public double Compute(ReadOnlySpan<ushort> previous, ReadOnlySpan<ushort> current, int bitDepth)
    {
        if (previous.Length < _width * _height || current.Length < _width * _height)
            throw new ArgumentException("Plane smaller than the extractor's frame size.");
        long sad;
        if (bitDepth > 12)
            sad = WideSad(previous, current, bitDepth);
        else if (WordLanes512.IsSupported)
            sad = Sad<WordLanes512, Vector512<short>>(previous, current, bitDepth);
        else if (WordLanes256.IsSupported)
            sad = Sad<WordLanes256, Vector256<short>>(previous, current, bitDepth);
        else
            sad = Sad<WordLanes128, Vector128<short>>(previous, current, bitDepth);
        return FinishScore(sad, _width, _height);
    }

    // Samples beyond 12 bits (not a VMAF input format, but the kernels accept them): plain code, the vertical sum
    // wrapping in 32 bits exactly as the CUDA kernel's does.
    private long WideSad(ReadOnlySpan<ushort> previous, ReadOnlySpan<ushort> current, int bitDepth)
    {
        int w = _width, h = _height, round = 1 << (bitDepth - 1);
        int[] c = Kernel;
        int[] row = _wideRow ??= new int[w + 4];
        long sad = 0;
        for (int i = 0; i < h; i++)
        {
            int r0 = QualityMath.Reflect101(i - 2, h) * w, r1 = QualityMath.Reflect101(i - 1, h) * w, r2 = i * w;
            int r3 = QualityMath.Reflect101(i + 1, h) * w, r4 = QualityMath.Reflect101(i + 2, h) * w;
            for (int j = 0; j < w; j++)
            {
                int sum = c[0] * (previous[r0 + j] - current[r0 + j]) + c[1] * (previous[r1 + j] - current[r1 + j])
                    + c[2] * (previous[r2 + j] - current[r2 + j]) + c[3] * (previous[r3 + j] - current[r3 + j])
                    + c[4] * (previous[r4 + j] - current[r4 + j]);
                row[j + 2] = (sum + round) >> bitDepth;
            }
            for (int k = 1; k <= 2; k++)
            {
                row[2 - k] = row[2 + k];
                row[w + 1 + k] = row[w + 1 - k];
            }
            for (int j = 0; j < w; j++)
            {
                long sum = (long)c[0] * (row[j] + row[j + 4]) + (long)c[1] * (row[j + 1] + row[j + 3]) + (long)c[2] * row[j + 2];
                sad += Math.Abs((sum + 32768) >> 16);
            }
        }
        return sad;
    }

    /// <summary>The motion score from the frame's blurred-difference SAD; shared with the CUDA kernels' host side.</summary>
    internal static double FinishScore(long sad, int width, int height) => Math.Min(sad / 256.0 / ((double)width * height), 10000.0);

    private long Sad<TW, TV>(ReadOnlySpan<ushort> previous, ReadOnlySpan<ushort> current, int bitDepth)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int w = _width, h = _height;
        long sad = 0;
        fixed (ushort* prev = previous, cur = current)
        fixed (short* halfRow = _half, lowRow = _low)
        {
            short* half = halfRow + Pad, low = lowRow + Pad;
            for (int i = 0; i < h; i++)
            {
                nint r0 = (nint)QualityMath.Reflect101(i - 2, h) * w, r1 = (nint)QualityMath.Reflect101(i - 1, h) * w;
                nint r2 = (nint)i * w, r3 = (nint)QualityMath.Reflect101(i + 1, h) * w, r4 = (nint)QualityMath.Reflect101(i + 2, h) * w;
                Vertical<TW, TV>(prev + r0, cur + r0, prev + r1, cur + r1, prev + r2, cur + r2, prev + r3, cur + r3, prev + r4, cur + r4,
                    w, bitDepth, half, low);
                for (int k = 1; k <= 2; k++)
                {
                    half[-k] = half[k]; half[w - 1 + k] = half[w - 1 - k];
                    low[-k] = low[k]; low[w - 1 + k] = low[w - 1 - k];
                }
                sad += HorizontalSad<TW, TV>(half, low, w);
            }
        }
        return sad;
    }

    // One row of v = rnd_bpc(sum c*(prev - cur)) over five rows, stored as v >> 1 and v & 1.
    private static void Vertical<TW, TV>(ushort* p0, ushort* c0, ushort* p1, ushort* c1, ushort* p2, ushort* c2, ushort* p3, ushort* c3,
        ushort* p4, ushort* c4, int w, int bitDepth, short* half, short* low)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int round = 1 << (bitDepth - 1), lanes = TW.Count16, j = 0;
        TV outer = TW.Splat32(Kernel[0] | (Kernel[1] << 16)), centre = TW.Splat32(Kernel[2]);
        TV vRound = TW.Splat32(round), one = TW.Splat32(1);
        for (; j + lanes <= w; j += lanes)
        {
            TV d0 = TW.Subtract16(TW.Load(p0 + j), TW.Load(c0 + j)), d1 = TW.Subtract16(TW.Load(p1 + j), TW.Load(c1 + j));
            TV d2 = TW.Subtract16(TW.Load(p2 + j), TW.Load(c2 + j)), d3 = TW.Subtract16(TW.Load(p3 + j), TW.Load(c3 + j));
            TV d4 = TW.Subtract16(TW.Load(p4 + j), TW.Load(c4 + j));
            TV s04 = TW.Add16(d0, d4), s13 = TW.Add16(d1, d3);
            TV lo = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(TW.InterleaveLow16(s04, s13), outer),
                TW.MultiplyAddAdjacent(TW.InterleaveLow16(d2, default), centre)), vRound), bitDepth);
            TV hi = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(TW.InterleaveHigh16(s04, s13), outer),
                TW.MultiplyAddAdjacent(TW.InterleaveHigh16(d2, default), centre)), vRound), bitDepth);
            TW.Store(TW.PackSigned(TW.ShiftRightArithmetic32(lo, 1), TW.ShiftRightArithmetic32(hi, 1)), half + j);
            TW.Store(TW.PackSigned(TW.And(lo, one), TW.And(hi, one)), low + j);
        }
        int[] c = Kernel;
        for (; j < w; j++)
        {
            int sum = c[0] * (p0[j] - c0[j]) + c[1] * (p1[j] - c1[j]) + c[2] * (p2[j] - c2[j]) + c[3] * (p3[j] - c3[j]) + c[4] * (p4[j] - c4[j]);
            int v = (sum + round) >> bitDepth;
            half[j] = (short)(v >> 1);
            low[j] = (short)(v & 1);
        }
    }

    // sum over the row of |rnd_16(sum c*v)|, outputs taken even columns then odd ones.
    private static long HorizontalSad<TW, TV>(short* half, short* low, int w)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16, full = w - (w % lanes);
        TV c01 = TW.Splat32(Kernel[0] | (Kernel[1] << 16)), c23 = TW.Splat32(Kernel[2] | (Kernel[3] << 16)), c4 = TW.Splat32(Kernel[4]);
        TV round = TW.Splat32(32768);
        TV acc = default;
        for (int j0 = 0; j0 < full; j0 += lanes)
        {
            for (int parity = 0; parity < 2; parity++)
            {
                int b = j0 + parity - 2;
                TV a = TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(TW.Load(half + b), c01), TW.MultiplyAddAdjacent(TW.Load(half + b + 2), c23)),
                    TW.MultiplyAddAdjacent(TW.Load(half + b + 4), c4));
                TV l = TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(TW.Load(low + b), c01), TW.MultiplyAddAdjacent(TW.Load(low + b + 2), c23)),
                    TW.MultiplyAddAdjacent(TW.Load(low + b + 4), c4));
                TV blurred = TW.ShiftRightArithmetic32(TW.Add32(a, TW.ShiftRightArithmetic32(TW.Add32(l, round), 1)), 15);
                acc = TW.Add32(acc, TW.Abs32(blurred)); // a row of |b| <= 65535 each stays far below 2^31 per lane
            }
        }
        long rowSad = TW.Sum64(TW.Add64(TW.And(acc, TW.Splat64(0xFFFFFFFFL)), TW.ShiftRightLogical64(acc, 32)));
        int[] c = Kernel;
        for (int j = full; j < w; j++)
        {
            long sum = 0;
            for (int k = 0; k < 5; k++)
                sum += (long)c[k] * (2 * half[j - 2 + k] + low[j - 2 + k]);
            rowSad += Math.Abs((sum + 32768) >> 16);
        }
        return rowSad;
    }
}
