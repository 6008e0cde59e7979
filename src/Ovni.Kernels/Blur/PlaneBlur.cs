// Why: CPU twin of native/kernels/blur.cu (separable Gaussian blur with integer taps), plus the one place
// that turns sigma into those taps, so the GPU launcher and the CPU path blur with identical weights.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// Separable blur of 8-bit planes with integer taps summing to 16384 (bit-exact twin of <c>native/kernels/blur.cu</c>).
/// A full Gaussian blur is <see cref="BlurPass"/> horizontally into a temporary plane, then vertically into the
/// destination; each pass rounds to 8 bits. Coordinates outside the plane repeat the edge. <see cref="Blur"/> gives
/// the same bytes with both passes fused (no temporary plane; what the CPU backend runs). Nothing is allocated
/// except by <see cref="CreateGaussianWeights"/>, which callers create once per sigma, and by the first
/// <see cref="Blur"/> of a plane size on a thread (its ring of rows).
/// </summary>
internal static unsafe partial class PlaneBlur
{
    /// <summary>Sum of every weight array (1.0 in 14-bit fixed point).</summary>
    public const int WeightOne = 16384;

    /// <summary>
    /// Gaussian taps for <paramref name="sigma"/>: radius = ceil(3 sigma) (at least 1), w(i) = exp(-i²/2σ²) normalised,
    /// rounded to 1/16384; the centre tap absorbs the rounding so the sum is exactly <see cref="WeightOne"/>.
    /// </summary>
    /// <param name="sigma">Standard deviation in pixels, 0.1..64.</param>
    /// <returns>2 * radius + 1 weights, symmetric.</returns>
    public static int[] CreateGaussianWeights(double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sigma, 0.1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sigma, 64);
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        double[] real = new double[(2 * radius) + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            real[i + radius] = Math.Exp(-(i * i) / (2 * sigma * sigma));
            sum += real[i + radius];
        }

        int[] weights = new int[real.Length];
        int total = 0;
        for (int i = 0; i < real.Length; i++)
        {
            weights[i] = (int)Math.Round(real[i] / sum * WeightOne, MidpointRounding.AwayFromZero);
            total += weights[i];
        }

        weights[radius] += WeightOne - total;
        return weights;
    }

    /// <summary>One blur pass: dst = (Σ weights[t] * src at offset t - radius + 8192) &gt;&gt; 14, clamped to 0..255.</summary>
    /// <param name="src">Source plane (must not overlap dst).</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="dst">Destination plane, same size.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in rows.</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="weights">2 * radius + 1 taps (odd length), normally from <see cref="CreateGaussianWeights"/>.</param>
    /// <param name="vertical">False: along rows; true: along columns.</param>
    public static void BlurPass(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
        ReadOnlySpan<int> weights, bool vertical) =>
        BlurPassRows(src, pitchSrc, dst, pitchDst, width, height, channels, weights, vertical, 0, height);

    /// <summary>One blur pass over destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) only (for row bands on several threads).</summary>
    /// <param name="src">Source plane (must not overlap dst).</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="dst">Destination plane, same size.</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in rows (of the whole plane).</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="weights">2 * radius + 1 taps (odd length), normally from <see cref="CreateGaussianWeights"/>.</param>
    /// <param name="vertical">False: along rows; true: along columns.</param>
    /// <param name="rowStart">First row to produce.</param>
    /// <param name="rowEnd">One past the last row to produce.</param>
    public static void BlurPassRows(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
        ReadOnlySpan<int> weights, bool vertical, int rowStart, int rowEnd)
    {
        CheckArguments(src, pitchSrc, dst, pitchDst, width, height, channels, weights, rowStart, rowEnd);
        int radius = weights.Length / 2;
        // Pairs of taps as 16-bit weights for vpmaddwd; only when every weight fits 16 bits (Gaussian taps do).
        int pairCount = (weights.Length + 1) / 2;
        Span<int> pairs = weights.Length <= 1025 ? stackalloc int[pairCount] : default;
        bool paired = Avx2.IsSupported && !pairs.IsEmpty && PairWeights(weights, pairs);
        Span<nint> rows = vertical && paired ? stackalloc nint[weights.Length] : default;
        for (int y = rowStart; y < rowEnd; y++)
        {
            byte* output = dst + (nint)y * pitchDst;
            if (vertical)
            {
                int done = 0;
                if (paired)
                {
                    for (int t = 0; t < rows.Length; t++)
                    {
                        rows[t] = (nint)(src + (nint)Math.Clamp(y + t - radius, 0, height - 1) * pitchSrc);
                    }

                    done = VerticalPaired(rows, pairs, output, width * channels);
                }

                VerticalRow(src, pitchSrc, output, y, width * channels, height, weights, radius, done);
            }
            else
            {
                HorizontalRow(src + (nint)y * pitchSrc, output, width, channels, weights, radius, paired ? pairs : default);
            }
        }
    }

    private static bool PairWeights(ReadOnlySpan<int> weights, Span<int> pairs)
    {
        for (int p = 0; p < pairs.Length; p++)
        {
            int a = weights[2 * p], b = 2 * p + 1 < weights.Length ? weights[(2 * p) + 1] : 0;
            if (a is < short.MinValue or > short.MaxValue || b is < short.MinValue or > short.MaxValue)
            {
                return false;
            }

            pairs[p] = (ushort)(short)a | (b << 16);
        }

        return true;
    }

    /// <summary>Adds w0 * a + w1 * b for 16 samples: lo holds samples 0..3 and 8..11, hi 4..7 and 12..15 (AVX2 lane order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(byte* a, byte* b, int pair, ref Vector256<int> lo, ref Vector256<int> hi)
    {
        Vector256<short> va = Avx2.ConvertToVector256Int16(Vector128.Load(a)), vb = Avx2.ConvertToVector256Int16(Vector128.Load(b));
        Vector256<short> w = Vector256.Create(pair).AsInt16();
        lo += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(va, vb), w);
        hi += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(va, vb), w);
    }

    /// <summary>clamp((acc) &gt;&gt; 14, 0, 255) for 16 samples in <see cref="AddPair"/> order: the two saturating packs are the clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store16(byte* output, Vector256<int> lo, Vector256<int> hi)
    {
        Vector256<short> words = Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo, 14), Avx2.ShiftRightArithmetic(hi, 14));
        Vector256<byte> bytes = Avx2.PackUnsignedSaturate(words, words);
        Avx2.Permute4x64(bytes.AsInt64(), 0b_00_00_10_00).GetLower().AsByte().Store(output);
    }

    /// <summary>Vertical pass on 16-sample blocks; returns how many leading samples it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int VerticalPaired(ReadOnlySpan<nint> rows, ReadOnlySpan<int> pairs, byte* output, int length)
    {
        int taps = rows.Length, i = 0;
        for (; i <= length - 16; i += 16)
        {
            Vector256<int> lo = Vector256.Create(8192), hi = lo;
            int t = 0;
            for (; t + 1 < taps; t += 2)
            {
                AddPair((byte*)rows[t] + i, (byte*)rows[t + 1] + i, pairs[t / 2], ref lo, ref hi);
            }

            if (t < taps)
            {
                AddPair((byte*)rows[t] + i, (byte*)rows[t] + i, pairs[t / 2], ref lo, ref hi);
            }

            Store16(output + i, lo, hi);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalRow(byte* src, int pitchSrc, byte* output, int y, int length, int height, ReadOnlySpan<int> weights, int radius, int i)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> round = Vector256.Create(8192), max = Vector256.Create(255);
            for (; i <= length - 8; i += 8)
            {
                Vector256<int> acc = round;
                for (int t = -radius; t <= radius; t++)
                {
                    byte* row = src + (nint)Math.Clamp(y + t, 0, height - 1) * pitchSrc;
                    acc += Vector256.Create(weights[t + radius]) * VectorLoads.Bytes8(row + i);
                }

                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(Vector256.ShiftRightArithmetic(acc, 14), max)));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<int> round = Vector128.Create(8192), max = Vector128.Create(255);
            for (; i <= length - 4; i += 4)
            {
                Vector128<int> acc = round;
                for (int t = -radius; t <= radius; t++)
                {
                    byte* row = src + (nint)Math.Clamp(y + t, 0, height - 1) * pitchSrc;
                    acc += Vector128.Create(weights[t + radius]) * VectorLoads.Bytes4In128(row + i);
                }

                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes4(Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc, 14), Vector128<int>.Zero), max)));
            }
        }

        for (; i < length; i++)
        {
            int acc = 8192;
            for (int t = -radius; t <= radius; t++)
            {
                acc += weights[t + radius] * src[((nint)Math.Clamp(y + t, 0, height - 1) * pitchSrc) + i];
            }

            output[i] = (byte)Math.Clamp(acc >> 14, 0, 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(byte* row, byte* output, int width, int channels, ReadOnlySpan<int> weights, int radius, ReadOnlySpan<int> pairs)
    {
        int length = width * channels, reach = radius * channels;
        // Bytes whose every tap lies inside the row take the vector path; the edges replicate in scalar code.
        int vectorStart = Math.Min(reach, length), vectorEnd = length - reach;
        int i = 0;
        for (; i < vectorStart; i++)
        {
            output[i] = HorizontalSample(row, i, width, channels, weights, radius);
        }

        if (!pairs.IsEmpty)
        {
            int taps = weights.Length;
            for (; i <= vectorEnd - 16; i += 16)
            {
                Vector256<int> lo = Vector256.Create(8192), hi = lo;
                byte* at = row + i - reach;
                int t = 0;
                for (; t + 1 < taps; t += 2)
                {
                    AddPair(at + (t * channels), at + ((t + 1) * channels), pairs[t / 2], ref lo, ref hi);
                }

                if (t < taps)
                {
                    AddPair(at + (t * channels), at + (t * channels), pairs[t / 2], ref lo, ref hi);
                }

                Store16(output + i, lo, hi);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> round = Vector256.Create(8192), max = Vector256.Create(255);
            for (; i <= vectorEnd - 8; i += 8)
            {
                Vector256<int> acc = round;
                for (int t = -radius; t <= radius; t++)
                {
                    acc += Vector256.Create(weights[t + radius]) * VectorLoads.Bytes8(row + i + (t * channels));
                }

                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes8(VectorLoads.Clamp(Vector256.ShiftRightArithmetic(acc, 14), max)));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<int> round = Vector128.Create(8192), max = Vector128.Create(255);
            for (; i <= vectorEnd - 4; i += 4)
            {
                Vector128<int> acc = round;
                for (int t = -radius; t <= radius; t++)
                {
                    acc += Vector128.Create(weights[t + radius]) * VectorLoads.Bytes4In128(row + i + (t * channels));
                }

                Unsafe.WriteUnaligned(output + i, VectorLoads.ToBytes4(Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc, 14), Vector128<int>.Zero), max)));
            }
        }

        for (; i < length; i++)
        {
            output[i] = HorizontalSample(row, i, width, channels, weights, radius);
        }
    }

    private static byte HorizontalSample(byte* row, int i, int width, int channels, ReadOnlySpan<int> weights, int radius)
    {
        int x = i / channels, ch = i - (x * channels), acc = 8192;
        for (int t = -radius; t <= radius; t++)
        {
            acc += weights[t + radius] * row[(Math.Clamp(x + t, 0, width - 1) * channels) + ch];
        }

        return (byte)Math.Clamp(acc >> 14, 0, 255);
    }

    // The checks both blur entry points make before touching memory.
    private static void CheckArguments(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
        ReadOnlySpan<int> weights, int rowStart, int rowEnd)
    {
        PlaneArguments.Size(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        PlaneArguments.Plane(src, pitchSrc, (long)width * channels, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, (long)width * channels, nameof(dst));
        if (weights.Length % 2 == 0)
        {
            throw new ArgumentException("A blur needs an odd number of weights (2 * radius + 1).", nameof(weights));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(rowStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowEnd, height);
    }
}
