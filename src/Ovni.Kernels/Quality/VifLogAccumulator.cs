// Why: the per-pixel part of integer VIF (ALGORITHM.md §3.4) on a row of local statistics: a double division,
// two truncations and up to three Q11 log2 table look-ups per pixel. libvmaf runs it one pixel at a time; here the
// AVX-512 and AVX2 paths take 16 or 8 pixels, with hardware gathers for the table; the 128-bit tier (SSE4, NEON)
// takes 4 in portable Vector128 code with the table read lane by lane (VifLogAccumulator.Lanes128.cs). Lanes that take no branch still compute on
// safe stand-in values and are masked out of the sums, so every path adds exactly libvmaf's integers.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

internal static unsafe partial class VifLogAccumulator
{
    private const int NoiseSq = 131072; // sigma_nsq = 2.0 in the Q16 variance domain
    private const double Epsilon = 6.5536e-6;

    // Adds count pixels' terms: sigma1, sigma2 (already clamped at 0) and sigma12 per pixel. logTable: Q11 log2 of
    // 32768..65535, followed by one spare entry (the gathers read 32 bits).
    public static void AccumulateRow(int* sigma1, int* sigma2, int* sigma12, int count, ushort* logTable, double gainLimit, ref VifLogSums sums)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx512BW.IsSupported)
            j = Accumulate512(sigma1, sigma2, sigma12, count, logTable, gainLimit, ref sums);
        else if (Avx2.IsSupported)
            j = Accumulate256(sigma1, sigma2, sigma12, count, logTable, gainLimit, ref sums);
        else if (Vector128.IsHardwareAccelerated)
            j = Accumulate128(sigma1, sigma2, sigma12, count, logTable, gainLimit, ref sums);
        for (; j < count; j++)
            AccumulatePixel(sigma1[j], sigma2[j], sigma12[j], logTable, gainLimit, ref sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulatePixel(int s1, int s2, int s12, ushort* logTable, double gainLimit, ref VifLogSums sums)
    {
        if (s1 >= NoiseSq)
        {
            sums.DenLog += Log2Q11(logTable, (ulong)((long)NoiseSq + s1)) - 17 * 2048;
            if (s12 > 0 && s2 > 0)
            {
                double g = s12 / (s1 + Epsilon);
                int sv = (int)(s2 - g * s12);
                if (sv < 0) sv = 0;
                if (g > gainLimit) g = gainLimit;
                long n1 = (long)sv + NoiseSq;
                long n2 = (long)(g * g * s1) + n1;
                sums.NumLog += Log2Q11(logTable, (ulong)n2) - Log2Q11(logTable, (ulong)n1);
            }
        }
        else
        {
            sums.NumNonLog += s2;
            sums.CountNonLog++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Log2Q11(ushort* table, ulong x)
    {
        int k = QualityMath.BitLength(x) - 16;
        return table[(int)(x >> k) - 32768] + 2048L * k;
    }

    // 16 pixels at a time. Row sums of the log terms fit 32-bit lanes (at most 2048*47 per pixel); the non-log
    // sigma2 sum needs 64 bits.
    private static int Accumulate512(int* sigma1, int* sigma2, int* sigma12, int count, ushort* logTable, double gainLimit, ref VifLogSums sums)
    {
        var nsq = Vector512.Create(NoiseSq);
        var safe = Vector512.Create(1u << 17);
        var denOffset = Vector512.Create(17 * 2048);
        var one = Vector512.Create(1);
        Vector512<int> accNum = default, accDen = default, accCount = default;
        Vector512<ulong> accNonLog = default;
        int j = 0;
        for (; j + 16 <= count; j += 16)
        {
            var s1 = Vector512.Load(sigma1 + j);
            var s2 = Vector512.Load(sigma2 + j);
            var s12 = Vector512.Load(sigma12 + j);
            var logPixel = Vector512.GreaterThanOrEqual(s1, nsq);
            var x = Vector512.ConditionalSelect(logPixel.AsUInt32(), (s1 + nsq).AsUInt32(), safe);
            accDen += (Log2Q11x16(logTable, x) - denOffset) & logPixel;
            var nonLog = Vector512.AndNot(s2, logPixel).AsUInt32();
            accNonLog += Vector512.WidenLower(nonLog) + Vector512.WidenUpper(nonLog);
            accCount += Vector512.AndNot(one, logPixel);

            var numPixel = logPixel & Vector512.GreaterThan(s12, Vector512<int>.Zero) & Vector512.GreaterThan(s2, Vector512<int>.Zero);
            if (numPixel == Vector512<int>.Zero) continue;
            var low = NumeratorTerms8(logTable, s1.GetLower(), s2.GetLower(), s12.GetLower(), gainLimit);
            var high = NumeratorTerms8(logTable, s1.GetUpper(), s2.GetUpper(), s12.GetUpper(), gainLimit);
            accNum += Vector512.Create(low, high) & numPixel;
        }
        sums.NumLog += Vector512.Sum(Vector512.WidenLower(accNum)) + Vector512.Sum(Vector512.WidenUpper(accNum));
        sums.DenLog += Vector512.Sum(Vector512.WidenLower(accDen)) + Vector512.Sum(Vector512.WidenUpper(accDen));
        sums.NumNonLog += (long)Vector512.Sum(accNonLog);
        sums.CountNonLog += Vector512.Sum(accCount);
        return j;
    }

    // L(n2) - L(n1) of eight pixels from their statistics, in double lanes (lanes that are not numerator pixels
    // produce finite garbage with in-range table indices and are masked by the caller).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> NumeratorTerms8(ushort* logTable, Vector256<int> s1, Vector256<int> s2, Vector256<int> s12, double gainLimit)
    {
        var d1 = Avx512F.ConvertToVector512Double(s1);
        var d2 = Avx512F.ConvertToVector512Double(s2);
        var d12 = Avx512F.ConvertToVector512Double(s12);
        var g = d12 / (d1 + Vector512.Create(Epsilon));
        var sv = Avx512F.ConvertToVector256Int32WithTruncation(d2 - g * d12); // out of range: int.MinValue, as C's cast on x86
        sv = Vector256.Max(sv, Vector256<int>.Zero);
        g = Vector512.Min(g, Vector512.Create(gainLimit));
        var n1 = Avx512F.ConvertToVector512Double(sv) + Vector512.Create((double)NoiseSq);
        var n2 = Avx512F.RoundScale(g * g * d1, 0b1011) + n1; // trunc(g*g*s1) + n1, exact below 2^53
        return Log2Q11x8(logTable, n2) - Log2Q11x8(logTable, n1);
    }

    // Q11 log2 of 16 values >= 2^16: the leading-zero count gives the shift, a gather the table entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Log2Q11x16(ushort* table, Vector512<uint> x)
    {
        var k = Vector512.Create(16u) - Avx512CD.LeadingZeroCount(x);
        var index = Avx512F.ShiftRightLogicalVariable(x, k).AsInt32() - Vector512.Create(32768);
        var entry = Vector512.Create(Avx2.GatherVector256((int*)table, index.GetLower(), 2), Avx2.GatherVector256((int*)table, index.GetUpper(), 2));
        return (entry & Vector512.Create(0xFFFF)) + (k.AsInt32() << 11);
    }

    // Q11 log2 of 8 integer-valued doubles in [2^16, 2^53): the exponent gives the shift, the top 15 mantissa bits
    // (x >> k with the leading one removed) index the table.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Log2Q11x8(ushort* table, Vector512<double> x)
    {
        var bits = x.AsInt64();
        var index = (bits >> 37) & Vector512.Create(0x7FFFL);
        var k = Avx512F.ConvertToVector256Int32(bits >> 52) - Vector256.Create(1023 + 15);
        var entry = Vector256.Create(Avx2.GatherVector128((int*)table, index.GetLower(), 2), Avx2.GatherVector128((int*)table, index.GetUpper(), 2))
            & Vector256.Create(0xFFFF);
        return entry + (k << 11);
    }

    // Eight pixels at a time (AVX2: no leading-zero count, so the shift comes from a float's exponent).
    private static int Accumulate256(int* sigma1, int* sigma2, int* sigma12, int count, ushort* logTable, double gainLimit, ref VifLogSums sums)
    {
        var nsq = Vector256.Create(NoiseSq);
        var safe = Vector256.Create(1 << 17);
        var denOffset = Vector256.Create(17 * 2048);
        var one = Vector256.Create(1);
        Vector256<int> accNum = default, accDen = default, accCount = default;
        Vector256<ulong> accNonLog = default;
        int j = 0;
        for (; j + 8 <= count; j += 8)
        {
            var s1 = Vector256.Load(sigma1 + j);
            var s2 = Vector256.Load(sigma2 + j);
            var s12 = Vector256.Load(sigma12 + j);
            var logPixel = Vector256.GreaterThanOrEqual(s1, nsq);
            var x = Vector256.ConditionalSelect(logPixel, s1 + nsq, safe).AsUInt32();
            accDen += (Log2Q11x8(logTable, x) - denOffset) & logPixel;
            var nonLog = Vector256.AndNot(s2, logPixel).AsUInt32();
            accNonLog += Vector256.WidenLower(nonLog) + Vector256.WidenUpper(nonLog);
            accCount += Vector256.AndNot(one, logPixel);

            var numPixel = logPixel & Vector256.GreaterThan(s12, Vector256<int>.Zero) & Vector256.GreaterThan(s2, Vector256<int>.Zero);
            if (numPixel == Vector256<int>.Zero) continue;
            var low = NumeratorTerms4(logTable, s1.GetLower(), s2.GetLower(), s12.GetLower(), gainLimit);
            var high = NumeratorTerms4(logTable, s1.GetUpper(), s2.GetUpper(), s12.GetUpper(), gainLimit);
            accNum += Vector256.Create(low, high) & numPixel;
        }
        sums.NumLog += Vector256.Sum(Vector256.WidenLower(accNum)) + Vector256.Sum(Vector256.WidenUpper(accNum));
        sums.DenLog += Vector256.Sum(Vector256.WidenLower(accDen)) + Vector256.Sum(Vector256.WidenUpper(accDen));
        sums.NumNonLog += (long)Vector256.Sum(accNonLog);
        sums.CountNonLog += Vector256.Sum(accCount);
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> NumeratorTerms4(ushort* logTable, Vector128<int> s1, Vector128<int> s2, Vector128<int> s12, double gainLimit)
    {
        var d1 = Avx.ConvertToVector256Double(s1);
        var d2 = Avx.ConvertToVector256Double(s2);
        var d12 = Avx.ConvertToVector256Double(s12);
        var g = d12 / (d1 + Vector256.Create(Epsilon));
        var sv = Avx.ConvertToVector128Int32WithTruncation(d2 - g * d12); // out of range: int.MinValue, as C's cast on x86
        sv = Vector128.Max(sv, Vector128<int>.Zero);
        g = Vector256.Min(g, Vector256.Create(gainLimit));
        var n1 = Avx.ConvertToVector256Double(sv) + Vector256.Create((double)NoiseSq);
        var n2 = Avx.RoundToZero(g * g * d1) + n1;
        return Log2Q11x4(logTable, n2) - Log2Q11x4(logTable, n1);
    }

    // Q11 log2 of 8 values in [2^17, 2^32): the exponent of float(x >> 8) (exact: below 2^24) gives the bit length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Log2Q11x8(ushort* table, Vector256<uint> x)
    {
        var exponent = (Avx.ConvertToVector256Single((x >> 8).AsInt32()).AsInt32() >> 23) - Vector256.Create(127);
        var k = exponent - Vector256.Create(7); // bit length - 16 = (exponent + 9) - 16
        var index = Avx2.ShiftRightLogicalVariable(x, k.AsUInt32()).AsInt32() - Vector256.Create(32768);
        var entry = Avx2.GatherVector256((int*)table, index, 2) & Vector256.Create(0xFFFF);
        return entry + (k << 11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Log2Q11x4(ushort* table, Vector256<double> x)
    {
        var bits = x.AsInt64();
        var index = (bits >> 37) & Vector256.Create(0x7FFFL);
        var k = Vector256.Narrow((bits >> 52).AsInt64(), (bits >> 52).AsInt64()).GetLower() - Vector128.Create(1023 + 15);
        var entry = Avx2.GatherVector128((int*)table, index, 2) & Vector128.Create(0xFFFF);
        return entry + (k << 11);
    }
}
