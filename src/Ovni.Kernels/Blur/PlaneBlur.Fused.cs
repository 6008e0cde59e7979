// Why: the two passes through a whole temporary plane cost a plane of writes and reads per pass and widen every
// sample 13 times; fusing them keeps the 2 * radius + 1 horizontally blurred rows that the vertical pass needs in a
// small ring of 16-bit rows (in L1/L2), widens each source sample once into a row with replicated margins (no edge
// tests in the inner loop), and lets both passes share one symmetric-tap kernel (WordConvolution). Same bytes as
// BlurPass horizontally then vertically.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

internal static unsafe partial class PlaneBlur
{
    /// <summary>
    /// Both passes for destination rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>): the same bytes as
    /// <see cref="BlurPass"/> horizontally into a temporary plane and then vertically into <paramref name="dst"/>
    /// (each pass rounding to 8 bits), without the temporary plane. <paramref name="dst"/> may be <paramref name="src"/>
    /// (same pitch) when no other call reads that plane meanwhile: each source row is read before its output row is
    /// written. Allocates nothing once the calling thread's ring is large enough for the plane.
    /// </summary>
    /// <param name="src">Source plane.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="dst">Destination plane, same size (may be <paramref name="src"/>, see above).</param>
    /// <param name="pitchDst">Bytes between destination rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in rows (of the whole plane).</param>
    /// <param name="channels">Interleaved samples per pixel, 1..4.</param>
    /// <param name="weights">2 * radius + 1 taps (odd length), normally from <see cref="CreateGaussianWeights"/>.</param>
    /// <param name="rowStart">First row to produce.</param>
    /// <param name="rowEnd">One past the last row to produce.</param>
    public static void Blur(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
        ReadOnlySpan<int> weights, int rowStart, int rowEnd)
    {
        CheckArguments(src, pitchSrc, dst, pitchDst, width, height, channels, weights, rowStart, rowEnd);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowStart, rowEnd);
        if (rowStart == rowEnd)
        {
            return;
        }

        int radius = weights.Length / 2, length = width * channels, reach = radius * channels;
        int padded = WordConvolution.Padded(length), inputWords = WordConvolution.Padded(padded + (2 * reach));
        int ringRows = Math.Min(weights.Length, height);
        // Symmetric taps (every Gaussian): value i is the pair of samples at distance i, one multiply for both.
        bool symmetric = IsSymmetric(weights);
        int values = symmetric ? radius + 1 : weights.Length;
        values += values & 1;
        bool vector = WordConvolution.FitsWords(weights);

        ushort* input = BlurScratch.Words(inputWords + ((long)ringRows * padded)), ring = input + inputWords;

        // Pointer tables and weights: H a/b, V a/b, then weights and pairs; on the stack up to sigma 64 (16 KiB).
        int tableLength = (4 * values) + values + (values / 2);
        Span<nint> table = tableLength <= 2048 ? stackalloc nint[tableLength] : new nint[tableLength];
        fixed (nint* tables = table)
        {
            ushort** ha = (ushort**)tables, hb = ha + values, va = hb + values, vb = va + values;
            int* omega = (int*)(vb + values), pairs = omega + values;
            for (int i = 0; i < values; i++)
            {
                bool real = i < (symmetric ? radius + 1 : weights.Length);
                omega[i] = !real ? 0 : symmetric ? weights[radius + i] : weights[i];
                ha[i] = !real ? null : symmetric ? input + reach - (i * channels) : input + (i * channels);
                hb[i] = !real || i == 0 || !symmetric ? null : input + reach + (i * channels);
            }

            for (int m = 0; m < values / 2; m++)
            {
                pairs[m] = (ushort)(short)omega[2 * m] | (omega[(2 * m) + 1] << 16);
            }

            int computed = Math.Max(0, rowStart - radius) - 1;
            for (int y = rowStart; y < rowEnd; y++)
            {
                for (int need = Math.Min(height - 1, y + radius); computed < need;)
                {
                    computed++;
                    WidenWithMargins(src + ((nint)computed * pitchSrc), input, width, channels, reach, inputWords);
                    WordConvolution.ToWords(ha, hb, omega, pairs, values, ring + ((nint)(computed % ringRows) * padded), length, vector);
                }

                for (int i = 0; i < values; i++)
                {
                    bool real = i < (symmetric ? radius + 1 : weights.Length);
                    int above = symmetric ? y - i : y + i - radius;
                    va[i] = real ? ring + ((nint)(Math.Clamp(above, 0, height - 1) % ringRows) * padded) : null;
                    vb[i] = real && symmetric && i > 0 ? ring + ((nint)(Math.Min(y + i, height - 1) % ringRows) * padded) : null;
                }

                WordConvolution.ToBytes(va, vb, omega, pairs, values, dst + ((nint)y * pitchDst), length, vector);
            }
        }
    }

    private static bool IsSymmetric(ReadOnlySpan<int> weights)
    {
        for (int i = 0; i < weights.Length / 2; i++)
        {
            if (weights[i] != weights[weights.Length - 1 - i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Source row as 16-bit samples at input[reach..], with <paramref name="reach"/> samples before it and the rest of
    /// the <paramref name="inputWords"/> after it repeating the edge pixel's channels (edge replication).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WidenWithMargins(byte* row, ushort* input, int width, int channels, int reach, int inputWords)
    {
        int length = width * channels, x = 0;
        ushort* samples = input + reach;
        if (Avx2.IsSupported)
        {
            for (; x <= length - 16; x += 16)
            {
                Avx2.ConvertToVector256Int16(Vector128.Load(row + x)).AsUInt16().Store(samples + x);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; x <= length - 16; x += 16)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Load(row + x));
                lo.Store(samples + x);
                hi.Store(samples + x + 8);
            }
        }

        for (; x < length; x++)
        {
            samples[x] = row[x];
        }

        // reach and length are whole pixels, so position i of input belongs to channel i % channels on both sides.
        byte* last = row + length - channels;
        for (int i = 0, c = 0; i < reach; i++, c = c + 1 == channels ? 0 : c + 1)
        {
            input[i] = row[c];
        }

        for (int i = reach + length, c = 0; i < inputWords; i++, c = c + 1 == channels ? 0 : c + 1)
        {
            input[i] = last[c];
        }
    }
}
