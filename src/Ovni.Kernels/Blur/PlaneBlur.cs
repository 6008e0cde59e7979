// Why: CPU twin of native/kernels/blur.cu (separable Gaussian blur with integer taps), plus the one place
// that turns sigma into those taps, so the GPU launcher and the CPU path blur with identical weights.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Separable blur of 8-bit planes with integer taps summing to 16384 (bit-exact twin of <c>native/kernels/blur.cu</c>).
/// A full Gaussian blur is <see cref="BlurPass"/> horizontally into a temporary plane, then vertically into the
/// destination; each pass rounds to 8 bits. Coordinates outside the plane repeat the edge. Nothing is allocated
/// except by <see cref="CreateGaussianWeights"/>, which callers create once per sigma.
/// </summary>
public static unsafe class PlaneBlur
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
        ReadOnlySpan<int> weights, bool vertical)
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

        int radius = weights.Length / 2;
        for (int y = 0; y < height; y++)
        {
            if (vertical)
            {
                VerticalRow(src, pitchSrc, dst + (nint)y * pitchDst, y, width * channels, height, weights, radius);
            }
            else
            {
                HorizontalRow(src + (nint)y * pitchSrc, dst + (nint)y * pitchDst, width, channels, weights, radius);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalRow(byte* src, int pitchSrc, byte* output, int y, int length, int height, ReadOnlySpan<int> weights, int radius)
    {
        int i = 0;
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
    private static void HorizontalRow(byte* row, byte* output, int width, int channels, ReadOnlySpan<int> weights, int radius)
    {
        int length = width * channels, reach = radius * channels;
        // Bytes whose every tap lies inside the row take the vector path; the edges replicate in scalar code.
        int vectorStart = Math.Min(reach, length), vectorEnd = length - reach;
        int i = 0;
        for (; i < vectorStart; i++)
        {
            output[i] = HorizontalSample(row, i, width, channels, weights, radius);
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
}
