// Why: decoupling (ALGORITHM.md §4.3-4.4, 4.6a) splits each distorted detail coefficient into a restored part (the
// reference scaled by t/o clamped to [0, 1]) and an additive one, whose CSF weights make the masking threshold.
// At scale 0 it runs in 32-bit lanes: the gain k = clamp((floor(2^30/|o|)*t + 2^14) >> 15, 0, 32768) only needs
// its product when 0 <= t/o <= 1, where the product is at most 2^30 (for |t| > |o| of the same sign it is at least
// 2^30 + 2^15 - |o|, so k clamps to 32768; for opposite signs it is <= 0); floor(2^30/|o|) comes from a gathered table;
// the angle test converts the exact 32-bit dot products to float as libvmaf does. Scales 1..3 and fractional gain
// limits run the plain 64-bit code; scales 1..3 in 64-bit lanes are in AdmExtractor.Wide.cs.
using System.Numerics;
using System.Runtime.CompilerServices;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class AdmExtractor
{
    // One row of the decouple region into a ring slot: restored H, V, D, then the mask weights F and C.
    private void DecoupleRow<TW, TV>(int scale, in AdmScaleLayout layout, int* oH, int* oV, int* oD, int* tH, int* tV, int* tD, int* slot)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int* rH = slot, rV = rH + _ringRow, rD = rV + _ringRow, mF = rD + _ringRow, mC = mF + _ringRow;
        int j = layout.ColStart, end = layout.ColEnd;
        if (scale == 0 && _integerGain >= 0)
        {
            fixed (int* reciprocal = Reciprocal)
                j = DecoupleLanes0<TW, TV>(oH, oV, oD, tH, tV, tD, j, end, _integerGain, reciprocal, rH, rV, rD, mF, mC);
        }
        else if (scale > 0 && Vector<long>.Count >= 4) // two 64-bit lanes lose to scalar code (measured, SSE4)
        {
            j = DecoupleLanesWide(scale, oH, oV, oD, tH, tV, tD, j, end, rH, rV, rD, mF, mC);
        }
        for (; j < end; j++)
        {
            long ohv = oH[j], ovv = oV[j], thv = tH[j], tvv = tV[j];
            long dot = ohv * thv + ovv * tvv;
            long po = ohv * ohv + ovv * ovv;
            long pt = thv * thv + tvv * tvv;
            double fDot = (float)dot / 4096.0, fPo = (float)po / 4096.0, fPt = (float)pt / 4096.0;
            bool flag = fDot >= 0 && fDot * fDot >= AngleCos2 * fPo * fPt;

            int sumF = 0, sumC = 0;
            rH[j] = Decouple(scale, oH[j], tH[j], flag, 0, ref sumF, ref sumC);
            rV[j] = Decouple(scale, oV[j], tV[j], flag, 0, ref sumF, ref sumC);
            rD[j] = Decouple(scale, oD[j], tD[j], flag, 1, ref sumF, ref sumC);
            mF[j] = sumF;
            mC[j] = sumC;
        }
        // the masking reads one column beyond the region, mirrored at the band's edges
        if (layout.ColStart == 0) mF[-1] = mF[1];
        if (layout.ColEnd == layout.Width) mF[layout.Width] = mF[layout.Width - 1];
    }

    // Scale 0, whole vectors of the columns [j, end); returns the first column not done.
    private static int DecoupleLanes0<TW, TV>(int* oH, int* oV, int* oD, int* tH, int* tV, int* tD, int j, int end, int gain, int* reciprocal,
        int* rH, int* rV, int* rD, int* mF, int* mC)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2;
        for (; j + lanes <= end; j += lanes)
        {
            TV ohv = TW.Load(oH + j), ovv = TW.Load(oV + j), thv = TW.Load(tH + j), tvv = TW.Load(tV + j);
            TV dot = TW.Add32(TW.MultiplyLow32(ohv, thv), TW.MultiplyLow32(ovv, tvv));
            TV po = TW.Add32(TW.MultiplyLow32(ohv, ohv), TW.MultiplyLow32(ovv, ovv));
            TV pt = TW.Add32(TW.MultiplyLow32(thv, thv), TW.MultiplyLow32(tvv, tvv));
            TV flag = TW.AngleFlag(dot, po, pt, AngleCos2);
            TV sumF = default, sumC = default;
            TW.Store(DecoupleLane0<TW, TV>(ohv, thv, flag, gain, reciprocal, 36453, 16384, 15, ref sumF, ref sumC), rH + j);
            TW.Store(DecoupleLane0<TW, TV>(ovv, tvv, flag, gain, reciprocal, 36453, 16384, 15, ref sumF, ref sumC), rV + j);
            TW.Store(DecoupleLane0<TW, TV>(TW.Load(oD + j), TW.Load(tD + j), flag, gain, reciprocal, 49417, 65535, 17, ref sumF, ref sumC), rD + j);
            TW.Store(sumF, mF + j);
            TW.Store(sumC, mC + j);
        }
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV DecoupleLane0<TW, TV>(TV o, TV t, TV flag, int gain, int* reciprocal, int ir, int add, int shift, ref TV sumF, ref TV sumC)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        TV zero = default, full = TW.Splat32(32768);
        TV absO = TW.Abs32(o), absT = TW.Abs32(t);
        TV k = TW.ShiftRightArithmetic32(TW.Add32(TW.MultiplyLow32(TW.Gather32(reciprocal, absO), absT), TW.Splat32(16384)), 15);
        k = TW.Select(TW.GreaterThan32(absT, absO), full, k);
        k = TW.Select(TW.GreaterThan32(zero, TW.Xor(o, t)), zero, k); // opposite signs (or t = 0, where k is 0 anyway)
        k = TW.Select(TW.GreaterThan32(absO, zero), k, full);
        TV ko = TW.MultiplyLow32(k, o);
        TV r = TW.ShiftRightArithmetic32(TW.Add32(ko, TW.Splat32(16384)), 15);
        TV gained = TW.MultiplyLow32(r, TW.Splat32(gain));
        TV up = TW.And(flag, TW.GreaterThan32(ko, zero)), down = TW.And(flag, TW.GreaterThan32(zero, ko));
        r = TW.Select(up, TW.Min32(gained, t), TW.Select(down, TW.Max32(gained, t), r));
        r = Int16<TW, TV>(r);
        TV a = Int16<TW, TV>(TW.Subtract32(t, r));
        TV cA = Int16<TW, TV>(TW.ShiftRightArithmetic32(TW.Add32(TW.MultiplyLow32(a, TW.Splat32(ir)), TW.Splat32(add)), shift));
        TV absA = TW.Abs32(cA);
        TV round = TW.Splat32(2048);
        sumF = TW.Add32(sumF, TW.ShiftRightArithmetic32(TW.Add32(TW.MultiplyLow32(absA, TW.Splat32(4369)), round), 12));
        sumC = TW.Add32(sumC, TW.ShiftRightArithmetic32(TW.Add32(TW.MultiplyLow32(absA, TW.Splat32(8738)), round), 12));
        return r;
    }

    // The low 16 bits, sign-extended (libvmaf keeps scale 0's values in int16).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Int16<TW, TV>(TV a) where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.ShiftRightArithmetic32(TW.ShiftLeft32(a, 16), 16);

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
}
