// Why: scales 1 and 2 hold 16-bit values (sample x 256) and 9- and 5-tap filters whose taps fit int16, so their
// vertical pass runs in 16-bit lanes as scale 0's does, with other algebra: a sample is read as x - 32768 (so sum c*x
// = sum c*(x - 32768) + 2^31), and a product x*y (up to 2^32) as its high and low 16-bit halves (pmulhuw, pmullw),
// each offset the same way, so rnd_16(sum c*x*y) = sum c*high + rnd_16(sum c*low). The results go to the same word
// rows as scale 0's and through the same horizontal pass; even rows also filter for the next scale (scale 1 -> 2).
using System.Runtime.CompilerServices;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class VifExtractor
{
    private VifScaleResult StatisticsWords<TW, TV>(ushort* reference, ushort* distorted, int w, int h, int scale, ushort* referenceNext, ushort* distortedNext)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        uint[] kernel = Kernels[scale];
        int taps = kernel.Length, half = taps / 2, halfWidth = w / 2, halfHeight = h / 2;
        bool fused = scale == 1; // scale 2 -> 3 has a tap of 2^15 or more: DownsampleWide does it
        int stride = _width + 2 * Pad + 64;
        var sums = new VifLogSums();
        ushort** refRows = stackalloc ushort*[taps];
        ushort** distRows = stackalloc ushort*[taps];
        fixed (short* words = _words)
        fixed (int* s1 = _sigma1, s2 = _sigma2, s12 = _sigma12)
        {
            short* row0 = words + Pad;
            for (int i = 0; i < h; i++)
            {
                for (int k = 0; k < taps; k++)
                {
                    nint row = (nint)QualityMath.Reflect101(i - half + k, h) * w;
                    refRows[k] = reference + row;
                    distRows[k] = distorted + row;
                }
                bool down = fused && (i & 1) == 0 && (i >> 1) < halfHeight;
                VerticalWords<TW, TV>(refRows, distRows, w, scale, down, row0, stride);
                int mirrored = down ? WordRows : WordDown1;
                for (int r = 0; r < mirrored; r++)
                    MirrorMargins(row0 + r * stride, w, half);
                AccumulateRow(HorizontalWords<TW, TV>(row0, stride, w, kernel, HorizontalPairs[scale], s1, s2, s12), ref sums);
                if (down)
                {
                    DownsampleWords<TW, TV>(row0 + WordDown1 * stride, halfWidth, referenceNext + (nint)(i >> 1) * halfWidth, Kernels[2], HorizontalPairs[2]);
                    DownsampleWords<TW, TV>(row0 + WordDown2 * stride, halfWidth, distortedNext + (nint)(i >> 1) * halfWidth, Kernels[2], HorizontalPairs[2]);
                }
            }
        }
        return FinishScale(sums.NumLog, sums.DenLog, sums.NumNonLog, sums.CountNonLog);
    }

    private static void VerticalWords<TW, TV>(ushort** refRows, ushort** distRows, int w, int scale, bool down, short* words, int stride)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16;
        TV flip = TW.Splat16(short.MinValue), low16 = TW.Splat32(0xFFFF);
        int j = 0;
        for (; j + lanes <= w; j += lanes)
        {
            VifWordSums<TV> lo = VerticalWordsHalf<TW, TV, LowHalf>(refRows, distRows, j, scale, down);
            VifWordSums<TV> hi = VerticalWordsHalf<TW, TV, HighHalf>(refRows, distRows, j, scale, down);
            short* at = words + j;
            TW.Store(TW.Xor(TW.PackUnsigned(Rounded16<TW, TV>(lo.Reference), Rounded16<TW, TV>(hi.Reference)), flip), at + WordMean1 * stride);
            TW.Store(TW.Xor(TW.PackUnsigned(Rounded16<TW, TV>(lo.Distorted), Rounded16<TW, TV>(hi.Distorted)), flip), at + WordMean2 * stride);
            StoreSplit<TW, TV>(Joined<TW, TV>(lo.ReferenceHigh, lo.ReferenceLow), Joined<TW, TV>(hi.ReferenceHigh, hi.ReferenceLow),
                at + WordRefHigh * stride, at + WordRefLow * stride, flip, low16);
            StoreSplit<TW, TV>(Joined<TW, TV>(lo.DistortedHigh, lo.DistortedLow), Joined<TW, TV>(hi.DistortedHigh, hi.DistortedLow),
                at + WordDistHigh * stride, at + WordDistLow * stride, flip, low16);
            StoreSplit<TW, TV>(Joined<TW, TV>(lo.CrossHigh, lo.CrossLow), Joined<TW, TV>(hi.CrossHigh, hi.CrossLow),
                at + WordCrossHigh * stride, at + WordCrossLow * stride, flip, low16);
            if (down)
            {
                TW.Store(TW.Xor(TW.PackUnsigned(Rounded16<TW, TV>(lo.ReferenceDown), Rounded16<TW, TV>(hi.ReferenceDown)), flip), at + WordDown1 * stride);
                TW.Store(TW.Xor(TW.PackUnsigned(Rounded16<TW, TV>(lo.DistortedDown), Rounded16<TW, TV>(hi.DistortedDown)), flip), at + WordDown2 * stride);
            }
        }
        for (; j < w; j++)
            VerticalWordsColumn(refRows, distRows, j, scale, down, words + j, stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VifWordSums<TV> VerticalWordsHalf<TW, TV, THalf>(ushort** refRows, ushort** distRows, int j, int scale, bool down)
        where TW : struct, IWordLanes<TV> where TV : struct where THalf : struct, IInterleaveHalf
    {
        int[] pairs = RowPairs[scale], downPairs = RowPairs[2];
        int half = pairs.Length - 1, taps = 2 * half + 1, downStart = half - (downPairs.Length - 1);
        TV flip = TW.Splat16(short.MinValue);
        TV m1 = default, m2 = default, rrH = default, rrL = default, ddH = default, ddL = default, rdH = default, rdL = default, d1 = default, d2 = default;
        for (int k = 0; k <= half; k++)
        {
            TV xa = TW.Load(refRows[k] + j), ya = TW.Load(distRows[k] + j);
            TV xb = default, yb = default; // the centre row has no partner (its pair weight is 0)
            if (k < half)
            {
                xb = TW.Load(refRows[taps - 1 - k] + j);
                yb = TW.Load(distRows[taps - 1 - k] + j);
            }
            TV p = THalf.Interleave<TW, TV>(xa, xb), q = THalf.Interleave<TW, TV>(ya, yb);
            TV pOffset = TW.Xor(p, flip), qOffset = TW.Xor(q, flip);
            TV c = TW.Splat32(pairs[k]);
            m1 = TW.Add32(m1, TW.MultiplyAddAdjacent(pOffset, c));
            m2 = TW.Add32(m2, TW.MultiplyAddAdjacent(qOffset, c));
            rrH = TW.Add32(rrH, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyHighUnsigned16(p, p), flip), c));
            rrL = TW.Add32(rrL, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyLow16(p, p), flip), c));
            ddH = TW.Add32(ddH, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyHighUnsigned16(q, q), flip), c));
            ddL = TW.Add32(ddL, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyLow16(q, q), flip), c));
            rdH = TW.Add32(rdH, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyHighUnsigned16(p, q), flip), c));
            rdL = TW.Add32(rdL, TW.MultiplyAddAdjacent(TW.Xor(TW.MultiplyLow16(p, q), flip), c));
            if (down && k >= downStart)
            {
                TV cDown = TW.Splat32(downPairs[k - downStart]);
                d1 = TW.Add32(d1, TW.MultiplyAddAdjacent(pOffset, cDown));
                d2 = TW.Add32(d2, TW.MultiplyAddAdjacent(qOffset, cDown));
            }
        }
        return new VifWordSums<TV>
        {
            Reference = m1, Distorted = m2, ReferenceHigh = rrH, ReferenceLow = rrL, DistortedHigh = ddH, DistortedLow = ddL,
            CrossHigh = rdH, CrossLow = rdL, ReferenceDown = d1, DistortedDown = d2,
        };
    }

    // rnd_16 of a sum of offset samples (the offsets add 2^31).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Rounded16<TW, TV>(TV offsetSum) where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.ShiftRightLogical32(TW.Add32(offsetSum, TW.Splat32(int.MinValue + 32768)), 16);

    // rnd_16 of a product sum from the offset sums of its high and low 16-bit halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Joined<TW, TV>(TV high, TV low) where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.Add32(TW.Add32(high, TW.Splat32(int.MinValue)), Rounded16<TW, TV>(low));

    private static void VerticalWordsColumn(ushort** refRows, ushort** distRows, int j, int scale, bool down, short* words, int stride)
    {
        uint[] c = Kernels[scale], cDown = Kernels[2];
        int taps = c.Length, downStart = taps / 2 - cDown.Length / 2;
        ulong m1 = 0, m2 = 0, rr = 0, dd = 0, rd = 0, d1 = 0, d2 = 0;
        for (int k = 0; k < taps; k++)
        {
            ulong x = refRows[k][j], y = distRows[k][j];
            m1 += c[k] * x; m2 += c[k] * y;
            rr += c[k] * x * x; dd += c[k] * y * y; rd += c[k] * x * y;
            if (k >= downStart && k < downStart + cDown.Length)
            {
                d1 += cDown[k - downStart] * x;
                d2 += cDown[k - downStart] * y;
            }
        }
        words[WordMean1 * stride] = Offset((uint)((m1 + 32768) >> 16));
        words[WordMean2 * stride] = Offset((uint)((m2 + 32768) >> 16));
        uint r2 = (uint)((rr + 32768) >> 16), d2s = (uint)((dd + 32768) >> 16), x2 = (uint)((rd + 32768) >> 16);
        words[WordRefHigh * stride] = Offset(r2 >> 16); words[WordRefLow * stride] = Offset(r2 & 0xFFFF);
        words[WordDistHigh * stride] = Offset(d2s >> 16); words[WordDistLow * stride] = Offset(d2s & 0xFFFF);
        words[WordCrossHigh * stride] = Offset(x2 >> 16); words[WordCrossLow * stride] = Offset(x2 & 0xFFFF);
        if (down)
        {
            words[WordDown1 * stride] = Offset((uint)((d1 + 32768) >> 16));
            words[WordDown2 * stride] = Offset((uint)((d2 + 32768) >> 16));
        }
    }
}
