// Why: scales 1..3 hold 32-bit coefficients whose products need 64 bits (ALGORITHM.md §4.3, 4.6 for s >= 1), about
// three quarters of ADM's time when run one coefficient at a time. These run in System.Numerics Vector<long> and
// Vector<double> lanes (256-bit on AVX2 and AVX-512 machines, 128-bit on SSE and NEON), exactly:
// - the gain k is computed in double, where every value it depends on is exact: R*|t| < 2^47 when |o| >= 2^15, and
//   <= 2^30 when |o| < 2^15 and |t| <= |o|; otherwise the product is at least 2^30 and k clamps to 32768 whatever
//   its rounding; powers of two come from exponent bits, so the shifts are exact scalings and floors;
// - f32 of the 64-bit dot products goes through double without double rounding: values from 2^53 up are first
//   rounded to odd at bit 11 (a sticky bit), which keeps the later float rounding correct;
// - the CSF products (up to 2^61) stay in 64-bit integer lanes, with libvmaf's wrapping;
// - no value is NaN and the sign of a zero never matters, so min/max are the plain instructions (MinNative).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class AdmExtractor
{
    private const double Magic = 6755399441055744.0; // 2^52 + 2^51: exact long <-> double for |v| < 2^51
    private static readonly long MagicBits = BitConverter.DoubleToInt64Bits(Magic);

    // Scales 1..3, whole vectors of the columns [j, end); returns the first column not done.
    private int DecoupleLanesWide(int scale, int* oH, int* oV, int* oD, int* tH, int* tV, int* tD, int j, int end,
        int* rH, int* rV, int* rD, int* mF, int* mC)
    {
        int lanes = Vector<int>.Count;
        var rfHV = new Vector<long>(RFactorQ32[scale, 0]);
        var rfD = new Vector<long>(RFactorQ32[scale, 1]);
        long* gathered = stackalloc long[Vector<long>.Count];
        fixed (int* reciprocal = Reciprocal)
        {
            for (; j + lanes <= end; j += lanes)
            {
                Vector.Widen(Vector.Load(oH + j), out var ohLow, out var ohHigh);
                Vector.Widen(Vector.Load(oV + j), out var ovLow, out var ovHigh);
                Vector.Widen(Vector.Load(oD + j), out var odLow, out var odHigh);
                Vector.Widen(Vector.Load(tH + j), out var thLow, out var thHigh);
                Vector.Widen(Vector.Load(tV + j), out var tvLow, out var tvHigh);
                Vector.Widen(Vector.Load(tD + j), out var tdLow, out var tdHigh);
                AngleFlags(ohLow, ovLow, thLow, tvLow, ohHigh, ovHigh, thHigh, tvHigh, out var flagLow, out var flagHigh);
                Vector<long> fLow = default, cLow = default, fHigh = default, cHigh = default;
                Vector.Narrow(DecoupleWide(ohLow, thLow, flagLow, rfHV, reciprocal, gathered, ref fLow, ref cLow),
                    DecoupleWide(ohHigh, thHigh, flagHigh, rfHV, reciprocal, gathered, ref fHigh, ref cHigh)).Store(rH + j);
                Vector.Narrow(DecoupleWide(ovLow, tvLow, flagLow, rfHV, reciprocal, gathered, ref fLow, ref cLow),
                    DecoupleWide(ovHigh, tvHigh, flagHigh, rfHV, reciprocal, gathered, ref fHigh, ref cHigh)).Store(rV + j);
                Vector.Narrow(DecoupleWide(odLow, tdLow, flagLow, rfD, reciprocal, gathered, ref fLow, ref cLow),
                    DecoupleWide(odHigh, tdHigh, flagHigh, rfD, reciprocal, gathered, ref fHigh, ref cHigh)).Store(rD + j);
                Vector.Narrow(fLow, fHigh).Store(mF + j); // the scalar code adds the three weights in int: truncation is the same
                Vector.Narrow(cLow, cHigh).Store(mC + j);
            }
        }
        return j;
    }

    // The one-degree test of §4.3 for two vectors of pixels: f32 of the exact 64-bit dot products, in double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AngleFlags(Vector<long> ohLow, Vector<long> ovLow, Vector<long> thLow, Vector<long> tvLow,
        Vector<long> ohHigh, Vector<long> ovHigh, Vector<long> thHigh, Vector<long> tvHigh, out Vector<long> flagLow, out Vector<long> flagHigh)
    {
        Float32(Product(ohLow, thLow) + Product(ovLow, tvLow), Product(ohHigh, thHigh) + Product(ovHigh, tvHigh), out var dotLow, out var dotHigh);
        Float32(Product(ohLow, ohLow) + Product(ovLow, ovLow), Product(ohHigh, ohHigh) + Product(ovHigh, ovHigh), out var poLow, out var poHigh);
        Float32(Product(thLow, thLow) + Product(tvLow, tvLow), Product(thHigh, thHigh) + Product(tvHigh, tvHigh), out var ptLow, out var ptHigh);
        flagLow = Angle(dotLow, poLow, ptLow);
        flagHigh = Angle(dotHigh, poHigh, ptHigh);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> Angle(Vector<double> dot, Vector<double> po, Vector<double> pt)
    {
        var scale = new Vector<double>(1.0 / 4096.0);
        dot *= scale;
        return Vector.GreaterThanOrEqual(dot, Vector<double>.Zero) & Vector.GreaterThanOrEqual(dot * dot, new Vector<double>(AngleCos2) * (po * scale) * (pt * scale));
    }

    // a*b of 32-bit values held in 64-bit lanes: pmuldq (one instruction) where there is one, rather than a 64x64 multiply.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> Product(Vector<long> a, Vector<long> b)
    {
        if (Avx2.IsSupported && Vector<long>.Count == 4)
            return Avx2.Multiply(a.AsVector256().AsInt32(), b.AsVector256().AsInt32()).AsVector();
        if (Sse41.IsSupported && Vector<long>.Count == 2)
            return Sse41.Multiply(a.AsVector128().AsInt32(), b.AsVector128().AsInt32()).AsVector();
        return a * b;
    }

    // f32(x) of two vectors of 64-bit integers, as doubles: vcvtqq2ps where AVX-512 has it, else through Exact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Float32(Vector<long> low, Vector<long> high, out Vector<double> lowOut, out Vector<double> highOut)
    {
        if (Avx512DQ.VL.IsSupported && Vector<long>.Count == 4)
        {
            lowOut = Avx.ConvertToVector256Double(Avx512DQ.VL.ConvertToVector128Single(low.AsVector256())).AsVector();
            highOut = Avx.ConvertToVector256Double(Avx512DQ.VL.ConvertToVector128Single(high.AsVector256())).AsVector();
            return;
        }
        var single = Vector.Narrow(Exact(low), Exact(high));
        Vector.Widen(single, out lowOut, out highOut);
    }

    // x as a double that rounds to float as x does: exact below 2^53, rounded to odd at bit 11 above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Exact(Vector<long> x)
    {
        var a = Vector.Abs(x);
        var sticky = Vector.AndNot(Vector<long>.One, Vector.Equals(a & new Vector<long>(0x7FF), Vector<long>.Zero));
        var odd = Vector.ShiftLeft(Vector.ShiftRightLogical(a, 11) | sticky, 11);
        a = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a, new Vector<long>(1L << 53)), odd, a);
        var d = ToDouble(Vector.ShiftRightLogical(a, 32)) * 4294967296.0 + ToDouble(a & new Vector<long>(0xFFFFFFFFL));
        return Vector.ConditionalSelect(Vector.LessThan(x, Vector<long>.Zero), -d, d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ToDouble(Vector<long> v) => Vector.AsVectorDouble(v + new Vector<long>(MagicBits)) - new Vector<double>(Magic);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> ToInt64(Vector<double> v) => Vector.AsVectorInt64(v + new Vector<double>(Magic)) - new Vector<long>(MagicBits);

    // 2^e for integer e in (-1023, 1024), from the exponent bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Power2(Vector<long> e) => Vector.AsVectorDouble(Vector.ShiftLeft(e + new Vector<long>(1023), 52));

    // The scale >= 1 branch of Decouple for one vector of coefficients: returns r, adds a's CSF weights.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<long> DecoupleWide(Vector<long> o, Vector<long> t, Vector<long> flag, Vector<long> rFactor, int* reciprocal, long* gathered,
        ref Vector<long> sumF, ref Vector<long> sumC)
    {
        var od = ToDouble(o);
        var td = ToDouble(t);
        var absO = Vector.Abs(od);
        // m = bitlength(|o|) - 15 when |o| >= 2^15 (then q is |o|'s rounded top 15 bits), else 0 (q = |o|)
        var m = Vector.Max(Vector.ShiftRightLogical(Vector.AsVectorInt64(absO), 52) - new Vector<long>(1023 + 14), Vector<long>.Zero);
        var scaleDown = Power2(-m);
        var q = ToInt64(Vector.Floor((absO + Vector.Floor(Power2(m) * 0.5)) * scaleDown));
        var product = ToDouble(Gather(reciprocal, q, gathered)) * Vector.Abs(td);
        var k = Vector.MinNative(Vector.Floor((product + Power2(m + new Vector<long>(14))) * (scaleDown * (1.0 / 32768.0))), new Vector<double>(32768.0));
        k = Vector.ConditionalSelect(Vector.LessThan(od * td, Vector<double>.Zero), Vector<double>.Zero, k);
        k = Vector.ConditionalSelect(Vector.Equals(od, Vector<double>.Zero), new Vector<double>(32768.0), k);
        var ko = k * od;
        var r = Vector.Floor((ko + new Vector<double>(16384.0)) * (1.0 / 32768.0));
        var gained = Vector.Truncate(r * _gainLimit);
        r = Vector.ConditionalSelect(flag & Vector.GreaterThan(ko, Vector<double>.Zero), Vector.MinNative(gained, td),
            Vector.ConditionalSelect(flag & Vector.LessThan(ko, Vector<double>.Zero), Vector.MaxNative(gained, td), r));
        var restored = ToInt64(r);
        var cA = Vector.ShiftRightArithmetic(rFactor * (t - restored) + new Vector<long>(1L << 27), 28);
        var absA = Vector.Abs(cA);
        sumF += Vector.ShiftRightArithmetic(new Vector<long>(143165577L) * absA - new Vector<long>(1L << 31), 32);
        sumC += Vector.ShiftRightArithmetic(new Vector<long>(286331153L) * absA - new Vector<long>(1L << 31), 32);
        return restored;
    }

    // table[index] per 64-bit lane (an AVX2 gather where there is one).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> Gather(int* table, Vector<long> index, long* scratch)
    {
        if (Avx2.IsSupported && Vector<long>.Count == 4)
            return Avx2.ConvertToVector256Int64(Avx2.GatherVector128(table, index.AsVector256(), 4)).AsVector();
        for (int l = 0; l < Vector<long>.Count; l++)
            scratch[l] = table[index[l]];
        return Vector.Load(scratch);
    }

    // Scales 1..3's numerator terms for whole vectors of the columns [j, end); returns the first column not done.
    private static int NumeratorLanesWide(int scale, int* rH, int* rV, int* rD, int* fUp, int* fMid, int* fDown, int* centre, int j, int end,
        int cHV, int cD, ref long sumH, ref long sumV, ref long sumD)
    {
        int lanes = Vector<int>.Count;
        var irHV = new Vector<long>(RFactorQ32[scale, 0]);
        var irD = new Vector<long>(RFactorQ32[scale, 1]);
        Vector<long> accH = default, accV = default, accD = default;
        for (; j + lanes <= end; j += lanes)
        {
            // the nine mask weights add in 32 bits (wrapping, as the scalar code's int sum), then widen
            var thr = Vector.Load(centre + j) + Vector.Load(fMid + j - 1) + Vector.Load(fMid + j + 1)
                + Vector.Load(fUp + j - 1) + Vector.Load(fUp + j) + Vector.Load(fUp + j + 1)
                + Vector.Load(fDown + j - 1) + Vector.Load(fDown + j) + Vector.Load(fDown + j + 1);
            Vector.Widen(thr, out var thrLow, out var thrHigh);
            accH += MaskedWide(rH + j, irHV, thrLow, thrHigh, cHV);
            accV += MaskedWide(rV + j, irHV, thrLow, thrHigh, cHV);
            accD += MaskedWide(rD + j, irD, thrLow, thrHigh, cD);
        }
        sumH += Vector.Sum(accH);
        sumV += Vector.Sum(accV);
        sumD += Vector.Sum(accD);
        return j;
    }

    // Masked() of §4.6c for scales 1..3 over one vector of restored coefficients, summed into 64-bit lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> MaskedWide(int* restored, Vector<long> ir, Vector<long> thrLow, Vector<long> thrHigh, int c)
    {
        Vector.Widen(Vector.Load(restored), out var low, out var high);
        return MaskedWide(low, ir, thrLow, c) + MaskedWide(high, ir, thrHigh, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> MaskedWide(Vector<long> r, Vector<long> ir, Vector<long> threshold, int c)
    {
        var x = Vector.ShiftRightArithmetic(r * ir + new Vector<long>(1L << 27), 28);
        var xp = Vector.Max(Vector.Abs(x) - threshold, Vector<long>.Zero);
        var q = Vector.ShiftRightArithmetic(xp * xp + new Vector<long>(1L << 29), 30);
        var cube = q * xp;
        return c > 0 ? Vector.ShiftRightArithmetic(cube + new Vector<long>(1L << (c - 1)), c) : cube;
    }
}
