// Why: the Minkowski-3 pooling of one band row (ALGORITHM.md §4.5, 4.6b-c): the masked restored signal cubed for the
// numerators, the reference cubed for the denominators, each summed per row in 64 bits as FinishScale expects. The
// cubes need 64-bit products; every factor is a non-negative value below 2^32, so they come from unsigned 32x32->64
// multiplies of the even and the odd 32-bit lanes.
using System.Numerics;
using System.Runtime.CompilerServices;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class AdmExtractor
{
    // The numerator row sums of inner row n (its ring slot and its neighbours' are decoupled).
    private void NumeratorRow<TW, TV>(in AdmScaleLayout layout, int* ring, int n, long* rowSums, int stride)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int h = layout.Height, plane = _ringRow;
        int* mid = RingSlot(ring, n), up = RingSlot(ring, n == 0 ? 1 : n - 1), down = RingSlot(ring, n + 1 == h ? h - 1 : n + 1);
        int* rH = mid, rV = mid + plane, rD = mid + 2 * plane, centre = mid + 4 * plane;
        int* fUp = up + 3 * plane, fMid = mid + 3 * plane, fDown = down + 3 * plane;
        int scale = layout.Scale, cHV = layout.ShiftHV, cD = layout.ShiftD;
        long roundHV = cHV > 0 ? 1L << (cHV - 1) : 0, roundD = cD > 0 ? 1L << (cD - 1) : 0;
        long irHV = scale == 0 ? 36453 : RFactorQ32[scale, 0];
        long irD = scale == 0 ? 49417 : RFactorQ32[scale, 1];
        long sumH = 0, sumV = 0, sumD = 0;
        int j = layout.Left;
        if (scale == 0)
            j = NumeratorLanes0<TW, TV>(rH, rV, rD, fUp, fMid, fDown, centre, j, layout.Right, cHV, cD, ref sumH, ref sumV, ref sumD);
        else if (Vector<long>.Count >= 4) // two 64-bit lanes lose to scalar code (measured, SSE4)
            j = NumeratorLanesWide(scale, rH, rV, rD, fUp, fMid, fDown, centre, j, layout.Right, cHV, cD, ref sumH, ref sumV, ref sumD);
        for (; j < layout.Right; j++)
        {
            long thr = centre[j] + fUp[j - 1] + fUp[j] + fUp[j + 1] + fMid[j - 1] + fMid[j + 1] + fDown[j - 1] + fDown[j] + fDown[j + 1];
            if (scale == 0)
            {
                sumH += Masked0(rH[j], irHV, thr << 10, 29, cHV, roundHV);
                sumV += Masked0(rV[j], irHV, thr << 10, 29, cHV, roundHV);
                sumD += Masked0(rD[j], irD, thr << 12, 30, cD, roundD);
            }
            else
            {
                sumH += Masked(rH[j], irHV, thr, cHV, roundHV);
                sumV += Masked(rV[j], irHV, thr, cHV, roundHV);
                sumD += Masked(rD[j], irD, thr, cD, roundD);
            }
        }
        rowSums[n] = sumH;
        rowSums[stride + n] = sumV;
        rowSums[(2 * stride) + n] = sumD;
    }

    // Scale 0, whole vectors of the columns [j, end); returns the first column not done.
    private static int NumeratorLanes0<TW, TV>(int* rH, int* rV, int* rD, int* fUp, int* fMid, int* fDown, int* centre, int j, int end,
        int cHV, int cD, ref long sumH, ref long sumV, ref long sumD)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2;
        TV accH = default, accV = default, accD = default;
        for (; j + lanes <= end; j += lanes)
        {
            TV thr = TW.Add32(TW.Add32(TW.Add32(TW.Load(centre + j), TW.Load(fMid + j - 1)), TW.Add32(TW.Load(fMid + j + 1), TW.Load(fUp + j))),
                TW.Add32(TW.Add32(TW.Add32(TW.Load(fUp + j - 1), TW.Load(fUp + j + 1)), TW.Add32(TW.Load(fDown + j - 1), TW.Load(fDown + j + 1))), TW.Load(fDown + j)));
            // thr << 10 (<< 12) exceeds every |r * ir| once thr reaches 2^21 - 1 (2^19 - 1): clamping there keeps 32 bits
            TV thrHV = TW.ShiftLeft32(TW.Min32(thr, TW.Splat32((1 << 21) - 1)), 10);
            TV thrD = TW.ShiftLeft32(TW.Min32(thr, TW.Splat32((1 << 19) - 1)), 12);
            accH = TW.Add64(accH, MaskedCubes<TW, TV>(TW.MultiplyLow32(TW.Load(rH + j), TW.Splat32(36453)), thrHV, 29, cHV));
            accV = TW.Add64(accV, MaskedCubes<TW, TV>(TW.MultiplyLow32(TW.Load(rV + j), TW.Splat32(36453)), thrHV, 29, cHV));
            accD = TW.Add64(accD, MaskedCubes<TW, TV>(TW.MultiplyLow32(TW.Load(rD + j), TW.Splat32(49417)), thrD, 30, cD));
        }
        sumH += TW.Sum64(accH);
        sumV += TW.Sum64(accV);
        sumD += TW.Sum64(accD);
        return j;
    }

    // Per lane ((x'^2 + 2^(p-1)) >> p) * x' rounded by c, with x' = max(|x| - threshold, 0); summed pairwise into 64-bit lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV MaskedCubes<TW, TV>(TV x, TV threshold, int p, int c) where TW : struct, IWordLanes<TV> where TV : struct
    {
        TV xp = TW.Max32(TW.Subtract32(TW.Abs32(x), threshold), default);
        TV odd = TW.ShiftRightLogical64(xp, 32);
        return TW.Add64(Cube<TW, TV>(xp, p, c), Cube<TW, TV>(odd, p, c));
    }

    // ((v^2 + 2^(p-1)) >> p) * v rounded by c, for v in the low half of each 64-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Cube<TW, TV>(TV v, int p, int c) where TW : struct, IWordLanes<TV> where TV : struct
    {
        TV q = TW.ShiftRightLogical64(TW.Add64(TW.MultiplyEvenUnsigned(v, v), TW.Splat64(1L << (p - 1))), p);
        TV cube = TW.MultiplyEvenUnsigned(q, v);
        return c > 0 ? TW.ShiftRightLogical64(TW.Add64(cube, TW.Splat64(1L << (c - 1))), c) : cube;
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

    // Reference energy cubed (Minkowski-3) over the inner columns of one band row.
    private static long DenominatorRow<TW, TV>(int scale, int* o, in AdmScaleLayout layout)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int j = layout.Left, end = layout.Right, lanes = TW.Count16 / 2;
        TV acc = default;
        if (scale == 0)
        {
            // |o| <= 22930: its square fits 32 bits, the cube needs 64
            for (; j + lanes <= end; j += lanes)
            {
                TV v = TW.Abs32(TW.Load(o + j));
                TV square = TW.MultiplyLow32(v, v);
                acc = TW.Add64(acc, TW.Add64(TW.MultiplyEvenUnsigned(square, v),
                    TW.MultiplyEvenUnsigned(TW.ShiftRightLogical64(square, 32), TW.ShiftRightLogical64(v, 32))));
            }
            long rowSum = TW.Sum64(acc);
            for (; j < end; j++)
            {
                long v = Math.Abs((long)o[j]);
                rowSum += v * v * v;
            }
            return rowSum;
        }
        else
        {
            int qs = scale == 2 ? 30 : 31;
            int c = layout.DenominatorShift;
            long cRound = c > 0 ? 1L << (c - 1) : 0;
            for (; j + lanes <= end; j += lanes)
            {
                TV v = TW.Abs32(TW.Load(o + j)); // |int.MinValue| reads as 2^31 unsigned, as the 64-bit code has it
                acc = TW.Add64(acc, TW.Add64(DenominatorTerm<TW, TV>(v, qs, c), DenominatorTerm<TW, TV>(TW.ShiftRightLogical64(v, 32), qs, c)));
            }
            long rowSum = TW.Sum64(acc);
            for (; j < end; j++)
            {
                long v = Math.Abs((long)o[j]);
                rowSum += ((((v * v + (1L << qs)) >> qs) * v) + cRound) >> c;
            }
            return rowSum;
        }
    }

    // (((v^2 + 2^qs) >> qs) * v) rounded by c, for v < 2^32 in the low half of each 64-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV DenominatorTerm<TW, TV>(TV v, int qs, int c) where TW : struct, IWordLanes<TV> where TV : struct
    {
        TV q = TW.ShiftRightLogical64(TW.Add64(TW.MultiplyEvenUnsigned(v, v), TW.Splat64(1L << qs)), qs);
        TV term = TW.MultiplyEvenUnsigned(q, v);
        return c > 0 ? TW.ShiftRightLogical64(TW.Add64(term, TW.Splat64(1L << (c - 1))), c) : term;
    }
}
