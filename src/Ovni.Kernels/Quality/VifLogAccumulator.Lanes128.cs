// Why: on the 128-bit tier (SSE4 without AVX, ARM NEON) the per-pixel VIF log terms ran one pixel at a time, with a
// branch per pixel on data-dependent conditions and a scalar division: a large part of VIF's time there. Four pixels
// at a time in portable Vector128 code take no branch per pixel and divide two at a time; only the table reads are
// per lane (no gather at this width). Every log argument goes through a double, whose exponent gives the shift and
// whose top mantissa bits the table index, exact because each value is an integer below 2^53; lanes that take no
// branch compute on finite stand-ins and are masked out of the sums, as in the wider paths.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

internal static unsafe partial class VifLogAccumulator
{
    // Four pixels at a time; returns the first pixel not done. Per-lane row sums fit 32 bits (at most 2048*47 per pixel).
    private static int Accumulate128(int* sigma1, int* sigma2, int* sigma12, int count, ushort* logTable, double gainLimit, ref VifLogSums sums)
    {
        var nsq = Vector128.Create(NoiseSq);
        var nsqDouble = Vector128.Create((double)NoiseSq);
        var denOffset = Vector128.Create(17 * 2048);
        var one = Vector128.Create(1);
        Vector128<int> accNum = default, accDen = default, accCount = default;
        Vector128<ulong> accNonLog = default;
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            var s1 = Vector128.Load(sigma1 + j);
            var s2 = Vector128.Load(sigma2 + j);
            var s12 = Vector128.Load(sigma12 + j);
            var logPixel = Vector128.GreaterThanOrEqual(s1, nsq);
            var nonLog = Vector128.AndNot(s2, logPixel).AsUInt32();
            accNonLog += Vector128.WidenLower(nonLog) + Vector128.WidenUpper(nonLog);
            accCount += Vector128.AndNot(one, logPixel);
            if (logPixel == Vector128<int>.Zero) continue;

            ToDouble(s1, out var d1Low, out var d1High);
            accDen += (Log2Q11x4(logTable, d1Low + nsqDouble, d1High + nsqDouble) - denOffset) & logPixel;
            var numPixel = logPixel & Vector128.GreaterThan(s12, Vector128<int>.Zero) & Vector128.GreaterThan(s2, Vector128<int>.Zero);
            if (numPixel == Vector128<int>.Zero) continue;
            ToDouble(s2, out var d2Low, out var d2High);
            ToDouble(s12, out var d12Low, out var d12High);
            NumeratorArguments(d1Low, d2Low, d12Low, gainLimit, out var n1Low, out var n2Low);
            NumeratorArguments(d1High, d2High, d12High, gainLimit, out var n1High, out var n2High);
            accNum += (Log2Q11x4(logTable, n2Low, n2High) - Log2Q11x4(logTable, n1Low, n1High)) & numPixel;
        }
        sums.NumLog += Vector128.Sum(Vector128.WidenLower(accNum)) + Vector128.Sum(Vector128.WidenUpper(accNum));
        sums.DenLog += Vector128.Sum(Vector128.WidenLower(accDen)) + Vector128.Sum(Vector128.WidenUpper(accDen));
        sums.NumNonLog += (long)Vector128.Sum(accNonLog);
        sums.CountNonLog += Vector128.Sum(accCount);
        return j;
    }

    // n1 = max(trunc(s2 - g*s12), 0) + nsq and n2 = trunc(min(g, limit)^2 * s1) + n1 with g = s12 / (s1 + eps), for two
    // pixels, in the scalar code's order of operations. trunc(s2 - g*s12) is at most s2, so it never leaves int's range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NumeratorArguments(Vector128<double> d1, Vector128<double> d2, Vector128<double> d12, double gainLimit,
        out Vector128<double> n1, out Vector128<double> n2)
    {
        var g = d12 / (d1 + Vector128.Create(Epsilon));
        var sv = Vector128.Max(Vector128.Truncate(d2 - g * d12), Vector128<double>.Zero);
        g = Vector128.Min(g, Vector128.Create(gainLimit));
        n1 = sv + Vector128.Create((double)NoiseSq);
        n2 = Vector128.Truncate(g * g * d1) + n1;
    }

    // The four int lanes as two vectors of doubles (exact).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ToDouble(Vector128<int> v, out Vector128<double> low, out Vector128<double> high)
    {
        if (Sse2.IsSupported)
        {
            low = Sse2.ConvertToVector128Double(v);
            high = Sse2.ConvertToVector128Double(Sse2.ShiftRightLogical128BitLane(v, 8));
            return;
        }
        low = Vector128.ConvertToDouble(Vector128.WidenLower(v));
        high = Vector128.ConvertToDouble(Vector128.WidenUpper(v));
    }

    // Q11 log2 of four integer-valued doubles in [2^15, 2^53): bit length - 16 from the exponent, the table index from
    // the 15 mantissa bits below the leading one (x >> k without it), the table read lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Log2Q11x4(ushort* table, Vector128<double> low, Vector128<double> high)
    {
        Vector128<long> lowBits = low.AsInt64(), highBits = high.AsInt64();
        var index = Vector128.Narrow((lowBits >> 37) & Vector128.Create(0x7FFFL), (highBits >> 37) & Vector128.Create(0x7FFFL));
        var k = Vector128.Narrow(lowBits >> 52, highBits >> 52) - Vector128.Create(1023 + 15);
        var entry = Vector128.Create((int)table[index.GetElement(0)], table[index.GetElement(1)], table[index.GetElement(2)], table[index.GetElement(3)]);
        return entry + (k << 11);
    }
}
