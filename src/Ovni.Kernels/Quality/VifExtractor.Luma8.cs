// Why: scale 0 of 8-bit input is about four fifths of VIF's work, and its sums fit 16-bit multiplies: pmaddwd
// (two 16x16 products added into 32 bits) does two filter taps per lane where 32-bit lanes need two multiplies
// per tap. The exact integers of ALGORITHM.md §3.3 come out by algebra:
// - vertical: rows k and 16-k are interleaved and share their tap, so one pmaddwd adds both; the pairs are centred
//   (x' = x - 128, so x'^2 and x'y' fit int16). Then sum c*x = sum c*x' + 2^23, sum c*x^2 = sum c*x'^2 + 256*sum c*x'
//   + 2^30, sum c*x*y = sum c*x'y' + 128*(sum c*x' + sum c*y') + 2^30, exactly as unsigned 32-bit values.
// - the vertical results are stored as 16-bit words offset by -32768 (so pmaddwd can read them as signed): the two
//   rounded means, and the three 32-bit square sums split into high and low halves. The horizontal pass then reads
//   adjacent pairs of words with adjacent taps: outputs come out even columns then odd ones, which the per-pixel sums
//   do not mind. rnd_16(sum c*v) = sum c*high + rnd_16(sum c*low), and each offset adds back sum c*32768 = 2^31.
// - the even rows' vertical filter for the next scale (9 taps, all within the 17 loaded rows) rides along, and its
//   horizontal pass computes only the even columns: scale 1 is made without reading scale 0 again.
using System.Runtime.CompilerServices;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class VifExtractor
{
    // Rows of _words (each with Pad margins): the offset 16-bit outputs of the 8-bit vertical pass.
    private const int WordMean1 = 0, WordMean2 = 1, WordRefHigh = 2, WordRefLow = 3, WordDistHigh = 4, WordDistLow = 5,
        WordCrossHigh = 6, WordCrossLow = 7, WordDown1 = 8, WordDown2 = 9, WordRows = 10;

    private VifScaleResult StatisticsLuma8<TW, TV>(ushort* reference, ushort* distorted, ushort* referenceHalf, ushort* distortedHalf)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int w = _width, h = _height, halfWidth = w / 2, halfHeight = h / 2;
        int stride = w + 2 * Pad + 64;
        var sums = new VifLogSums();
        ushort** refRows = stackalloc ushort*[17];
        ushort** distRows = stackalloc ushort*[17];
        fixed (short* words = _words)
        fixed (int* s1 = _sigma1, s2 = _sigma2, s12 = _sigma12)
        {
            short* row0 = words + Pad;
            short* down1 = row0 + WordDown1 * stride, down2 = row0 + WordDown2 * stride;
            for (int i = 0; i < h; i++)
            {
                for (int k = 0; k < 17; k++)
                {
                    nint row = (nint)QualityMath.Reflect101(i - 8 + k, h) * w;
                    refRows[k] = reference + row;
                    distRows[k] = distorted + row;
                }
                bool down = (i & 1) == 0 && (i >> 1) < halfHeight;
                VerticalLuma8<TW, TV>(refRows, distRows, w, down, row0, stride);
                int mirrored = down ? WordRows : WordDown1;
                for (int r = 0; r < mirrored; r++)
                    MirrorMargins(row0 + r * stride, w, 8);
                int count = HorizontalWords<TW, TV>(row0, stride, w, Kernels[0], HorizontalPairs[0], s1, s2, s12);
                AccumulateRow(count, ref sums);
                if (down)
                {
                    DownsampleWords<TW, TV>(down1, halfWidth, referenceHalf + (nint)(i >> 1) * halfWidth, Kernels[1], HorizontalPairs[1]);
                    DownsampleWords<TW, TV>(down2, halfWidth, distortedHalf + (nint)(i >> 1) * halfWidth, Kernels[1], HorizontalPairs[1]);
                }
            }
        }
        return FinishScale(sums.NumLog, sums.DenLog, sums.NumNonLog, sums.CountNonLog);
    }

    // One output row of the vertical pass into the word rows (row r at words + r*stride).
    private static void VerticalLuma8<TW, TV>(ushort** refRows, ushort** distRows, int w, bool down, short* words, int stride)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16;
        TV flip = TW.Splat16(short.MinValue);
        TV low16 = TW.Splat32(0xFFFF);
        int j = 0;
        for (; j + lanes <= w; j += lanes)
        {
            VifVerticalSums<TV> lo = VerticalHalf<TW, TV, LowHalf>(refRows, distRows, j, down);
            VifVerticalSums<TV> hi = VerticalHalf<TW, TV, HighHalf>(refRows, distRows, j, down);
            short* at = words + j;
            TW.Store(TW.Xor(TW.PackUnsigned(Mean<TW, TV>(lo.Reference), Mean<TW, TV>(hi.Reference)), flip), at + WordMean1 * stride);
            TW.Store(TW.Xor(TW.PackUnsigned(Mean<TW, TV>(lo.Distorted), Mean<TW, TV>(hi.Distorted)), flip), at + WordMean2 * stride);
            StoreSplit<TW, TV>(Squares<TW, TV>(lo.ReferenceSquares, lo.Reference, 8), Squares<TW, TV>(hi.ReferenceSquares, hi.Reference, 8),
                at + WordRefHigh * stride, at + WordRefLow * stride, flip, low16);
            StoreSplit<TW, TV>(Squares<TW, TV>(lo.DistortedSquares, lo.Distorted, 8), Squares<TW, TV>(hi.DistortedSquares, hi.Distorted, 8),
                at + WordDistHigh * stride, at + WordDistLow * stride, flip, low16);
            StoreSplit<TW, TV>(Squares<TW, TV>(lo.Cross, TW.Add32(lo.Reference, lo.Distorted), 7),
                Squares<TW, TV>(hi.Cross, TW.Add32(hi.Reference, hi.Distorted), 7),
                at + WordCrossHigh * stride, at + WordCrossLow * stride, flip, low16);
            if (down)
            {
                TW.Store(TW.Xor(TW.PackUnsigned(Mean<TW, TV>(lo.ReferenceDown), Mean<TW, TV>(hi.ReferenceDown)), flip), at + WordDown1 * stride);
                TW.Store(TW.Xor(TW.PackUnsigned(Mean<TW, TV>(lo.DistortedDown), Mean<TW, TV>(hi.DistortedDown)), flip), at + WordDown2 * stride);
            }
        }
        for (; j < w; j++)
            VerticalLuma8Column(refRows, distRows, j, down, words + j, stride);
    }

    // The sums of one half-block (the low or high half of each 128-bit block's columns), centred samples.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VifVerticalSums<TV> VerticalHalf<TW, TV, THalf>(ushort** refRows, ushort** distRows, int j, bool down)
        where TW : struct, IWordLanes<TV> where TV : struct where THalf : struct, IInterleaveHalf
    {
        TV centre = TW.Splat16(128);
        TV m1 = default, m2 = default, rr = default, dd = default, rd = default, d1 = default, d2 = default;
        for (int k = 0; k <= 8; k++)
        {
            TV x = TW.Load(refRows[k] + j), y = TW.Load(distRows[k] + j);
            TV xMirror = default, yMirror = default; // the centre row has no partner (its pair weight is 0)
            if (k < 8)
            {
                xMirror = TW.Load(refRows[16 - k] + j);
                yMirror = TW.Load(distRows[16 - k] + j);
            }
            TV p = TW.Subtract16(THalf.Interleave<TW, TV>(x, xMirror), centre), q = TW.Subtract16(THalf.Interleave<TW, TV>(y, yMirror), centre);
            TV c = TW.Splat32(VerticalPairs[k]);
            m1 = TW.Add32(m1, TW.MultiplyAddAdjacent(p, c));
            m2 = TW.Add32(m2, TW.MultiplyAddAdjacent(q, c));
            rr = TW.Add32(rr, TW.MultiplyAddAdjacent(TW.MultiplyLow16(p, p), c));
            dd = TW.Add32(dd, TW.MultiplyAddAdjacent(TW.MultiplyLow16(q, q), c));
            rd = TW.Add32(rd, TW.MultiplyAddAdjacent(TW.MultiplyLow16(p, q), c));
            if (down && k >= 4)
            {
                TV cDown = TW.Splat32(DownVerticalPairs[k - 4]);
                d1 = TW.Add32(d1, TW.MultiplyAddAdjacent(p, cDown));
                d2 = TW.Add32(d2, TW.MultiplyAddAdjacent(q, cDown));
            }
        }
        return new VifVerticalSums<TV>
        {
            Reference = m1, Distorted = m2, ReferenceSquares = rr, DistortedSquares = dd, Cross = rd, ReferenceDown = d1, DistortedDown = d2,
        };
    }

    // rnd_8 of a filtered sample sum, from its centred sum (sum c*x = sum c*x' + 2^23).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Mean<TW, TV>(TV centredSum) where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.ShiftRightLogical32(TW.Add32(centredSum, TW.Splat32((1 << 23) + 128)), 8);

    // sum c*x*y as an unsigned 32-bit value from the centred sums: sum c*x'y' + (sum c*(x'+y') << 7) + 2^30
    // (squares: both sums the same, shifted by 8).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Squares<TW, TV>(TV centredProducts, TV centredSum, int shift) where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.Add32(TW.Add32(centredProducts, TW.ShiftLeft32(centredSum, shift)), TW.Splat32(1 << 30));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSplit<TW, TV>(TV low, TV high, short* highWords, short* lowWords, TV flip, TV low16)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        TW.Store(TW.Xor(TW.PackUnsigned(TW.ShiftRightLogical32(low, 16), TW.ShiftRightLogical32(high, 16)), flip), highWords);
        TW.Store(TW.Xor(TW.PackUnsigned(TW.And(low, low16), TW.And(high, low16)), flip), lowWords);
    }

    // The vertical pass of one column, plainly (row tails).
    private static void VerticalLuma8Column(ushort** refRows, ushort** distRows, int j, bool down, short* words, int stride)
    {
        uint[] c = Kernels[0], cDown = Kernels[1];
        uint m1 = 0, m2 = 0, rr = 0, dd = 0, rd = 0, d1 = 0, d2 = 0;
        for (int k = 0; k < 17; k++)
        {
            uint x = refRows[k][j], y = distRows[k][j];
            m1 += c[k] * x; m2 += c[k] * y;
            rr += c[k] * x * x; dd += c[k] * y * y; rd += c[k] * x * y;
            if (k >= 4 && k <= 12)
            {
                d1 += cDown[k - 4] * x;
                d2 += cDown[k - 4] * y;
            }
        }
        words[WordMean1 * stride] = Offset((m1 + 128) >> 8);
        words[WordMean2 * stride] = Offset((m2 + 128) >> 8);
        words[WordRefHigh * stride] = Offset(rr >> 16); words[WordRefLow * stride] = Offset(rr & 0xFFFF);
        words[WordDistHigh * stride] = Offset(dd >> 16); words[WordDistLow * stride] = Offset(dd & 0xFFFF);
        words[WordCrossHigh * stride] = Offset(rd >> 16); words[WordCrossLow * stride] = Offset(rd & 0xFFFF);
        if (down)
        {
            words[WordDown1 * stride] = Offset((d1 + 128) >> 8);
            words[WordDown2 * stride] = Offset((d2 + 128) >> 8);
        }
    }

    private static short Offset(uint word) => (short)(ushort)(word ^ 0x8000);

    private static uint Word(short offset) => (ushort)(offset ^ short.MinValue);

    // The horizontal pass over the offset word rows (row r at words + r*stride, margins mirrored) and the local
    // statistics of one row, written to the sigma rows; returns the pixel count. Adjacent taps go in pairs (the kernel
    // of the scale: every tap below 2^15).
    private static int HorizontalWords<TW, TV>(short* words, int stride, int w, uint[] taps, int[] pairs, int* s1, int* s2, int* s12)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16, full = w - (w % lanes), n = 0, half = taps.Length / 2, pairCount = pairs.Length;
        short* mean1 = words + WordMean1 * stride, mean2 = words + WordMean2 * stride;
        short* refHigh = words + WordRefHigh * stride, refLow = words + WordRefLow * stride;
        short* distHigh = words + WordDistHigh * stride, distLow = words + WordDistLow * stride;
        short* crossHigh = words + WordCrossHigh * stride, crossLow = words + WordCrossLow * stride;
        TV bias = TW.Splat32(int.MinValue), biasRound = TW.Splat32(int.MinValue + 32768);
        for (int j0 = 0; j0 < full; j0 += lanes)
        {
            for (int parity = 0; parity < 2; parity++)
            {
                int b = j0 + parity - half;
                TV a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int t = 0; t < pairCount; t++)
                {
                    TV c = TW.Splat32(pairs[t]);
                    int o = b + 2 * t;
                    a0 = TW.Add32(a0, TW.MultiplyAddAdjacent(TW.Load(mean1 + o), c));
                    a1 = TW.Add32(a1, TW.MultiplyAddAdjacent(TW.Load(mean2 + o), c));
                    a2 = TW.Add32(a2, TW.MultiplyAddAdjacent(TW.Load(refHigh + o), c));
                    a3 = TW.Add32(a3, TW.MultiplyAddAdjacent(TW.Load(refLow + o), c));
                    a4 = TW.Add32(a4, TW.MultiplyAddAdjacent(TW.Load(distHigh + o), c));
                    a5 = TW.Add32(a5, TW.MultiplyAddAdjacent(TW.Load(distLow + o), c));
                    a6 = TW.Add32(a6, TW.MultiplyAddAdjacent(TW.Load(crossHigh + o), c));
                    a7 = TW.Add32(a7, TW.MultiplyAddAdjacent(TW.Load(crossLow + o), c));
                }
                TV rr = TW.Add32(TW.Add32(a2, bias), TW.ShiftRightLogical32(TW.Add32(a3, biasRound), 16));
                TV dd = TW.Add32(TW.Add32(a4, bias), TW.ShiftRightLogical32(TW.Add32(a5, biasRound), 16));
                TV rd = TW.Add32(TW.Add32(a6, bias), TW.ShiftRightLogical32(TW.Add32(a7, biasRound), 16));
                StoreSigmas<TW, TV>(TW.Add32(a0, bias), TW.Add32(a1, bias), rr, dd, rd, s1 + n, s2 + n, s12 + n);
                n += lanes / 2;
            }
        }
        for (int j = full; j < w; j++, n++)
        {
            uint m1 = 0, m2 = 0;
            ulong rrH = 0, rrL = 0, ddH = 0, ddL = 0, rdH = 0, rdL = 0;
            for (int k = 0; k < taps.Length; k++)
            {
                int o = j - half + k;
                uint c = taps[k];
                m1 += c * Word(mean1[o]); m2 += c * Word(mean2[o]);
                rrH += c * Word(refHigh[o]); rrL += c * Word(refLow[o]);
                ddH += c * Word(distHigh[o]); ddL += c * Word(distLow[o]);
                rdH += c * Word(crossHigh[o]); rdL += c * Word(crossLow[o]);
            }
            StoreSigmas(m1, m2, (uint)(rrH + ((rrL + 32768) >> 16)), (uint)(ddH + ((ddL + 32768) >> 16)), (uint)(rdH + ((rdL + 32768) >> 16)),
                s1 + n, s2 + n, s12 + n);
        }
        return n;
    }

    // The even columns of one row of the next scale: rnd_16 of its filter over the (offset) vertical results.
    private static void DownsampleWords<TW, TV>(short* row, int outWidth, ushort* destination, uint[] taps, int[] pairs)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16, m = 0, half = taps.Length / 2;
        TV biasRound = TW.Splat32(int.MinValue + 32768);
        for (; m + lanes <= outWidth; m += lanes)
        {
            TV a = default, b = default;
            int o = 2 * m - half;
            for (int t = 0; t < pairs.Length; t++)
            {
                TV c = TW.Splat32(pairs[t]);
                a = TW.Add32(a, TW.MultiplyAddAdjacent(TW.Load(row + o + 2 * t), c));
                b = TW.Add32(b, TW.MultiplyAddAdjacent(TW.Load(row + o + lanes + 2 * t), c));
            }
            TV narrowed = TW.Narrow(TW.ShiftRightLogical32(TW.Add32(a, biasRound), 16), TW.ShiftRightLogical32(TW.Add32(b, biasRound), 16));
            TW.Store(narrowed, destination + m);
        }
        for (; m < outWidth; m++)
        {
            uint sum = 0;
            for (int k = 0; k < taps.Length; k++)
                sum += taps[k] * Word(row[2 * m - half + k]);
            destination[m] = (ushort)((sum + 32768u) >> 16);
        }
    }
}
