// Why: scales 1..3 (16-bit values, sample x 256) and high-bit-depth scale 0 need 32-bit sums and 48-bit square
// sums; this path runs them in 32-bit lanes with libvmaf's exact rounding. Every intermediate fits 32 bits unsigned
// once 64-bit sums are split into 16-bit halves (the taps sum to 2^16).
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class VifExtractor
{
    private VifScaleResult StatisticsWide<TW, TV>(ushort* reference, ushort* distorted, int w, int h, int scale, int shiftMean, int shiftSquare)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        uint[] kernel = Kernels[scale];
        int taps = kernel.Length, half = taps / 2, lanes = TW.Count16 / 2;
        int stride = _width + 2 * Pad + 64;
        var sums = new VifLogSums();
        ushort** refRows = stackalloc ushort*[taps];
        ushort** distRows = stackalloc ushort*[taps];
        fixed (uint* c = kernel)
        fixed (uint* pm1 = _padM1, pm2 = _padM2, prr = _padRR, pdd = _padDD, prd = _padRD)
        fixed (uint* m1 = _m1, m2 = _m2, rr = _rr, dd = _dd, rd = _rd)
        fixed (int* s1 = _sigma1, s2 = _sigma2, s12 = _sigma12)
        fixed (short* words = _words)
        {
            short* row0 = words + Pad;
            for (int i = 0; i < h; i++)
            {
                for (int k = 0; k < taps; k++)
                {
                    int row = QualityMath.Reflect101(i - half + k, h);
                    refRows[k] = reference + (nint)row * w;
                    distRows[k] = distorted + (nint)row * w;
                }
                VerticalStatistics<TW, TV>(refRows, distRows, c, taps, w, shiftMean, shiftSquare,
                    pm1 + Pad, pm2 + Pad, prr + Pad, pdd + Pad, prd + Pad);
                if (scale < 3)
                {
                    // every tap below 2^15: the horizontal pass in 16-bit pairs, as for 8-bit scale 0
                    ToWords<TW, TV>(pm1 + Pad, pm2 + Pad, prr + Pad, pdd + Pad, prd + Pad, w, row0, stride);
                    for (int r = 0; r < WordDown1; r++)
                        MirrorMargins(row0 + r * stride, w, half);
                    AccumulateRow(HorizontalWords<TW, TV>(row0, stride, w, kernel, HorizontalPairs[scale], s1, s2, s12), ref sums);
                    continue;
                }
                MirrorMargins(pm1 + Pad, w, half); MirrorMargins(pm2 + Pad, w, half);
                MirrorMargins(prr + Pad, w, half); MirrorMargins(pdd + Pad, w, half); MirrorMargins(prd + Pad, w, half);
                HorizontalSum<TW, TV>(pm1 + Pad - half, c, taps, w, m1);
                HorizontalSum<TW, TV>(pm2 + Pad - half, c, taps, w, m2);
                HorizontalRound16<TW, TV>(prr + Pad - half, c, taps, w, rr);
                HorizontalRound16<TW, TV>(pdd + Pad - half, c, taps, w, dd);
                HorizontalRound16<TW, TV>(prd + Pad - half, c, taps, w, rd);
                int j = 0;
                for (; j + lanes <= w; j += lanes)
                    StoreSigmas<TW, TV>(TW.Load(m1 + j), TW.Load(m2 + j), TW.Load(rr + j), TW.Load(dd + j), TW.Load(rd + j), s1 + j, s2 + j, s12 + j);
                for (; j < w; j++)
                    StoreSigmas(m1[j], m2[j], rr[j], dd[j], rd[j], s1 + j, s2 + j, s12 + j);
                AccumulateRow(w, ref sums);
            }
        }
        return FinishScale(sums.NumLog, sums.DenLog, sums.NumNonLog, sums.CountNonLog);
    }

    // The vertical results of one row as offset 16-bit words (the 8-bit path's layout): the means, and the 32-bit
    // square sums split into high and low halves.
    private static void ToWords<TW, TV>(uint* m1, uint* m2, uint* rr, uint* dd, uint* rd, int w, short* words, int stride)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16, half = lanes / 2, j = 0;
        TV flip = TW.Splat16(short.MinValue), low16 = TW.Splat32(0xFFFF);
        for (; j + lanes <= w; j += lanes)
        {
            short* at = words + j;
            TW.Store(TW.Xor(TW.Narrow(TW.Load(m1 + j), TW.Load(m1 + j + half)), flip), at + WordMean1 * stride);
            TW.Store(TW.Xor(TW.Narrow(TW.Load(m2 + j), TW.Load(m2 + j + half)), flip), at + WordMean2 * stride);
            SplitWords<TW, TV>(TW.Load(rr + j), TW.Load(rr + j + half), at + WordRefHigh * stride, at + WordRefLow * stride, flip, low16);
            SplitWords<TW, TV>(TW.Load(dd + j), TW.Load(dd + j + half), at + WordDistHigh * stride, at + WordDistLow * stride, flip, low16);
            SplitWords<TW, TV>(TW.Load(rd + j), TW.Load(rd + j + half), at + WordCrossHigh * stride, at + WordCrossLow * stride, flip, low16);
        }
        for (; j < w; j++)
        {
            words[WordMean1 * stride + j] = Offset(m1[j]);
            words[WordMean2 * stride + j] = Offset(m2[j]);
            words[WordRefHigh * stride + j] = Offset(rr[j] >> 16); words[WordRefLow * stride + j] = Offset(rr[j] & 0xFFFF);
            words[WordDistHigh * stride + j] = Offset(dd[j] >> 16); words[WordDistLow * stride + j] = Offset(dd[j] & 0xFFFF);
            words[WordCrossHigh * stride + j] = Offset(rd[j] >> 16); words[WordCrossLow * stride + j] = Offset(rd[j] & 0xFFFF);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void SplitWords<TW, TV>(TV first, TV second, short* highWords, short* lowWords, TV flip, TV low16)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        TW.Store(TW.Xor(TW.Narrow(TW.ShiftRightLogical32(first, 16), TW.ShiftRightLogical32(second, 16)), flip), highWords);
        TW.Store(TW.Xor(TW.Narrow(TW.And(first, low16), TW.And(second, low16)), flip), lowWords);
    }

    // Filters scale s-1 with the scale-s kernel and keeps even rows and columns.
    private void DownsampleWide<TW, TV>(ushort* src, int w, int h, uint[] kernel, int verticalShift, ushort* dst)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int taps = kernel.Length, half = taps / 2;
        int ow = w / 2, oh = h / 2;
        ushort** rows = stackalloc ushort*[taps];
        fixed (uint* c = kernel)
        fixed (uint* pad = _padM1, outRow = _m1)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int k = 0; k < taps; k++)
                    rows[k] = src + (nint)QualityMath.Reflect101(2 * i - half + k, h) * w;
                VerticalSum<TW, TV>(rows, c, taps, w, verticalShift, pad + Pad);
                MirrorMargins(pad + Pad, w, half);
                HorizontalSum<TW, TV>(pad + Pad - half, c, taps, w, outRow);
                ushort* o = dst + (nint)i * ow;
                for (int j = 0; j < ow; j++)
                    o[j] = (ushort)((outRow[2 * j] + 32768u) >> 16);
            }
        }
    }

    private static void VerticalSum<TW, TV>(ushort** rows, uint* c, int taps, int w, int shift, uint* output)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        uint round = shift > 0 ? 1u << (shift - 1) : 0;
        int lanes = TW.Count16 / 2, j = 0;
        TV vRound = TW.Splat32((int)round);
        for (; j + lanes <= w; j += lanes)
        {
            TV sum = default;
            for (int k = 0; k < taps; k++)
                sum = TW.Add32(sum, TW.MultiplyLow32(TW.Splat32((int)c[k]), TW.LoadWidened(rows[k] + j)));
            TW.Store(TW.ShiftRightLogical32(TW.Add32(sum, vRound), shift), output + j);
        }
        for (; j < w; j++)
        {
            uint sum = 0;
            for (int k = 0; k < taps; k++)
                sum += c[k] * rows[k][j];
            output[j] = (sum + round) >> shift;
        }
    }

    // m = rnd_a(sum c*x) per image; squares = rnd_b(sum c*x*y) with the 64-bit sum split into 16-bit halves.
    private static void VerticalStatistics<TW, TV>(ushort** refRows, ushort** distRows, uint* c, int taps, int w, int a, int b,
        uint* m1, uint* m2, uint* rr, uint* dd, uint* rd)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        uint roundA = a > 0 ? 1u << (a - 1) : 0;
        uint roundB = b > 0 ? 1u << (b - 1) : 0;
        int lanes = TW.Count16 / 2, j = 0, up = 16 - b;
        TV vRoundA = TW.Splat32((int)roundA), vRoundB = TW.Splat32((int)roundB), lowMask = TW.Splat32(0xFFFF);
        for (; j + lanes <= w; j += lanes)
        {
            TV s1 = default, s2 = default, xxH = default, xxL = default, yyH = default, yyL = default, xyH = default, xyL = default;
            for (int k = 0; k < taps; k++)
            {
                TV ck = TW.Splat32((int)c[k]);
                TV x = TW.LoadWidened(refRows[k] + j), y = TW.LoadWidened(distRows[k] + j);
                s1 = TW.Add32(s1, TW.MultiplyLow32(ck, x));
                s2 = TW.Add32(s2, TW.MultiplyLow32(ck, y));
                TV xx = TW.MultiplyLow32(x, x), yy = TW.MultiplyLow32(y, y), xy = TW.MultiplyLow32(x, y);
                xxH = TW.Add32(xxH, TW.MultiplyLow32(ck, TW.ShiftRightLogical32(xx, 16)));
                xxL = TW.Add32(xxL, TW.MultiplyLow32(ck, TW.And(xx, lowMask)));
                yyH = TW.Add32(yyH, TW.MultiplyLow32(ck, TW.ShiftRightLogical32(yy, 16)));
                yyL = TW.Add32(yyL, TW.MultiplyLow32(ck, TW.And(yy, lowMask)));
                xyH = TW.Add32(xyH, TW.MultiplyLow32(ck, TW.ShiftRightLogical32(xy, 16)));
                xyL = TW.Add32(xyL, TW.MultiplyLow32(ck, TW.And(xy, lowMask)));
            }
            TW.Store(TW.ShiftRightLogical32(TW.Add32(s1, vRoundA), a), m1 + j);
            TW.Store(TW.ShiftRightLogical32(TW.Add32(s2, vRoundA), a), m2 + j);
            TW.Store(TW.Add32(TW.ShiftLeft32(xxH, up), TW.ShiftRightLogical32(TW.Add32(xxL, vRoundB), b)), rr + j);
            TW.Store(TW.Add32(TW.ShiftLeft32(yyH, up), TW.ShiftRightLogical32(TW.Add32(yyL, vRoundB), b)), dd + j);
            TW.Store(TW.Add32(TW.ShiftLeft32(xyH, up), TW.ShiftRightLogical32(TW.Add32(xyL, vRoundB), b)), rd + j);
        }
        for (; j < w; j++)
        {
            ulong s1 = 0, s2 = 0, sxx = 0, syy = 0, sxy = 0;
            for (int k = 0; k < taps; k++)
            {
                ulong x = refRows[k][j], y = distRows[k][j], ck = c[k];
                s1 += ck * x; s2 += ck * y;
                sxx += ck * x * x; syy += ck * y * y; sxy += ck * x * y;
            }
            m1[j] = (uint)((s1 + roundA) >> a);
            m2[j] = (uint)((s2 + roundA) >> a);
            rr[j] = (uint)((sxx + roundB) >> b);
            dd[j] = (uint)((syy + roundB) >> b);
            rd[j] = (uint)((sxy + roundB) >> b);
        }
    }

    // output[j] = sum c[k]*input[j+k] (input already offset by -half, margins mirrored); fits 32 bits.
    private static void HorizontalSum<TW, TV>(uint* input, uint* c, int taps, int w, uint* output)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2, j = 0;
        for (; j + lanes <= w; j += lanes)
        {
            TV sum = default;
            for (int k = 0; k < taps; k++)
                sum = TW.Add32(sum, TW.MultiplyLow32(TW.Splat32((int)c[k]), TW.Load(input + j + k)));
            TW.Store(sum, output + j);
        }
        for (; j < w; j++)
        {
            uint sum = 0;
            for (int k = 0; k < taps; k++)
                sum += c[k] * input[j + k];
            output[j] = sum;
        }
    }

    // output[j] = rnd_16(sum c[k]*input[j+k]) where the sum needs 48 bits: split input into 16-bit halves.
    private static void HorizontalRound16<TW, TV>(uint* input, uint* c, int taps, int w, uint* output)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2, j = 0;
        TV lowMask = TW.Splat32(0xFFFF), round = TW.Splat32(32768);
        for (; j + lanes <= w; j += lanes)
        {
            TV hi = default, lo = default;
            for (int k = 0; k < taps; k++)
            {
                TV ck = TW.Splat32((int)c[k]);
                TV v = TW.Load(input + j + k);
                hi = TW.Add32(hi, TW.MultiplyLow32(ck, TW.ShiftRightLogical32(v, 16)));
                lo = TW.Add32(lo, TW.MultiplyLow32(ck, TW.And(v, lowMask)));
            }
            TW.Store(TW.Add32(hi, TW.ShiftRightLogical32(TW.Add32(lo, round), 16)), output + j);
        }
        for (; j < w; j++)
        {
            ulong sum = 0;
            for (int k = 0; k < taps; k++)
                sum += (ulong)c[k] * input[j + k];
            output[j] = (uint)((sum + 32768) >> 16);
        }
    }
}
