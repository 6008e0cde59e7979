// Why: one band row of the db2 wavelet (ALGORITHM.md §4.1) per call, so a scale streams row by row. At scale 0 the
// vertical results fit 16 bits (|v| <= 27411) and pmaddwd does two taps per lane in both passes: rows (2i-1, 2i)
// and (2i+1, 2i+2) interleaved vertically, adjacent columns (2j-1, 2j) and (2j+1, 2j+2) horizontally, where the
// pairs come out in column order. Scale 1's vertical pass reads the scale-0 approximation (|a| <= 22930, 16 bits)
// the same way; the wider sums after it (up to 2^47) run in 64-bit scalar code, on a sixteenth of the samples.
using System.Runtime.CompilerServices;
using Ovni.Kernels.Quality.Lanes;

namespace Ovni.Kernels.Quality;

internal sealed unsafe partial class AdmExtractor
{
    private const int Lo0 = 15826, Lo1 = 27411, Lo2 = 7345, Lo3 = -4240;
    private const int Hi0 = -4240, Hi1 = -7345, Hi2 = 27411, Hi3 = -15826;

    // Adjacent taps as signed 16-bit pairs for pmaddwd.
    private static int Pair(int first, int second) => (ushort)(short)first | ((ushort)(short)second << 16);

    private static readonly int LoPair01 = Pair(Lo0, Lo1), LoPair23 = Pair(Lo2, Lo3), HiPair01 = Pair(Hi0, Hi1), HiPair23 = Pair(Hi2, Hi3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DwtIndex(int p, int n) => p < 0 ? -p : p >= n ? 2 * n - 1 - p : p;

    // Positions -1, n and n+1 of a row, as the wavelet's borders read them.
    private static void DwtMargins<T>(T* row, int n) where T : unmanaged
    {
        row[-1] = row[DwtIndex(-1, n)];
        row[n] = row[DwtIndex(n, n)];
        row[n + 1] = row[DwtIndex(n + 1, n)];
    }

    // Scale 0, band row i from the w x h luma: approximation into a (when not null), details into h/v/d.
    private void DwtRow0<TW, TV>(ushort* src, int i, int w, int h, int bitDepth, int* a, int* bandH, int* bandV, int* bandD)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        ushort* p0 = src + (nint)DwtIndex(2 * i - 1, h) * w, p1 = src + (nint)DwtIndex(2 * i, h) * w;
        ushort* p2 = src + (nint)DwtIndex(2 * i + 1, h) * w, p3 = src + (nint)DwtIndex(2 * i + 2, h) * w;
        fixed (short* lo16 = _lo16, hi16 = _hi16)
        {
            short* lo = lo16 + Margin, hi = hi16 + Margin;
            VerticalDwt0<TW, TV>(p0, p1, p2, p3, w, bitDepth, lo, hi);
            DwtMargins(lo, w);
            DwtMargins(hi, w);
            HorizontalDwt0<TW, TV>(lo, hi, (w + 1) / 2, a, bandH, bandV, bandD);
        }
    }

    // rnd_bpc(sum LO*x - 46342*2^(bpc-1)) and rnd_bpc(sum HI*x) over four rows, as 16-bit words.
    private static void VerticalDwt0<TW, TV>(ushort* p0, ushort* p1, ushort* p2, ushort* p3, int w, int bitDepth, short* lo, short* hi)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int round = 1 << (bitDepth - 1), offset = 46342 << (bitDepth - 1);
        int lanes = TW.Count16, j = 0;
        TV lo01 = TW.Splat32(LoPair01), lo23 = TW.Splat32(LoPair23), hi01 = TW.Splat32(HiPair01), hi23 = TW.Splat32(HiPair23);
        TV loBias = TW.Splat32(round - offset), hiBias = TW.Splat32(round);
        for (; j + lanes <= w; j += lanes)
        {
            TV x0 = TW.Load(p0 + j), x1 = TW.Load(p1 + j), x2 = TW.Load(p2 + j), x3 = TW.Load(p3 + j);
            TV a = TW.InterleaveLow16(x0, x1), b = TW.InterleaveLow16(x2, x3);
            TV loLow = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(a, lo01), TW.MultiplyAddAdjacent(b, lo23)), loBias), bitDepth);
            TV hiLow = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(a, hi01), TW.MultiplyAddAdjacent(b, hi23)), hiBias), bitDepth);
            a = TW.InterleaveHigh16(x0, x1);
            b = TW.InterleaveHigh16(x2, x3);
            TV loHigh = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(a, lo01), TW.MultiplyAddAdjacent(b, lo23)), loBias), bitDepth);
            TV hiHigh = TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(a, hi01), TW.MultiplyAddAdjacent(b, hi23)), hiBias), bitDepth);
            TW.Store(TW.PackSigned(loLow, loHigh), lo + j);
            TW.Store(TW.PackSigned(hiLow, hiHigh), hi + j);
        }
        for (; j < w; j++)
        {
            int x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
            lo[j] = (short)((Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3 - offset + round) >> bitDepth);
            hi[j] = (short)((Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3 + round) >> bitDepth);
        }
    }

    // rnd_16 of the four taps at columns 2j-1..2j+2 (margins already mirrored), for bw outputs.
    private static void HorizontalDwt0<TW, TV>(short* lo, short* hi, int bw, int* a, int* bandH, int* bandV, int* bandD)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2, j = 0;
        TV lo01 = TW.Splat32(LoPair01), lo23 = TW.Splat32(LoPair23), hi01 = TW.Splat32(HiPair01), hi23 = TW.Splat32(HiPair23);
        TV round = TW.Splat32(1 << 15);
        for (; j + lanes <= bw; j += lanes)
        {
            TV l0 = TW.Load(lo + 2 * j - 1), l1 = TW.Load(lo + 2 * j + 1);
            TV h0 = TW.Load(hi + 2 * j - 1), h1 = TW.Load(hi + 2 * j + 1);
            if (a is not null)
                TW.Store(TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(l0, lo01), TW.MultiplyAddAdjacent(l1, lo23)), round), 16), a + j);
            TW.Store(TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(l0, hi01), TW.MultiplyAddAdjacent(l1, hi23)), round), 16), bandV + j);
            TW.Store(TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(h0, lo01), TW.MultiplyAddAdjacent(h1, lo23)), round), 16), bandH + j);
            TW.Store(TW.ShiftRightArithmetic32(TW.Add32(TW.Add32(TW.MultiplyAddAdjacent(h0, hi01), TW.MultiplyAddAdjacent(h1, hi23)), round), 16), bandD + j);
        }
        for (; j < bw; j++)
        {
            int c = 2 * j - 1;
            int l0 = lo[c], l1 = lo[c + 1], l2 = lo[c + 2], l3 = lo[c + 3];
            int h0 = hi[c], h1 = hi[c + 1], h2 = hi[c + 2], h3 = hi[c + 3];
            if (a is not null) a[j] = (Lo0 * l0 + Lo1 * l1 + Lo2 * l2 + Lo3 * l3 + 32768) >> 16;
            bandV[j] = (Hi0 * l0 + Hi1 * l1 + Hi2 * l2 + Hi3 * l3 + 32768) >> 16;
            bandH[j] = (Lo0 * h0 + Lo1 * h1 + Lo2 * h2 + Lo3 * h3 + 32768) >> 16;
            bandD[j] = (Hi0 * h0 + Hi1 * h1 + Hi2 * h2 + Hi3 * h3 + 32768) >> 16;
        }
    }

    // Scales 1..3, band row i from the previous w x h approximation band.
    private void DwtRow<TW, TV>(int scale, int* src, int i, int w, int h, int* a, int* bandH, int* bandV, int* bandD)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int* p0 = src + (nint)DwtIndex(2 * i - 1, h) * w, p1 = src + (nint)DwtIndex(2 * i, h) * w;
        int* p2 = src + (nint)DwtIndex(2 * i + 1, h) * w, p3 = src + (nint)DwtIndex(2 * i + 2, h) * w;
        fixed (int* lo32 = _lo, hi32 = _hi)
        {
            int* lo = lo32 + Margin, hi = hi32 + Margin;
            int j;
            if (scale == 1)
            {
                for (j = VerticalDwt1<TW, TV>(p0, p1, p2, p3, w, lo, hi); j < w; j++)
                {
                    int x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
                    lo[j] = Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3;
                    hi[j] = Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3;
                }
            }
            else
            {
                for (j = VerticalDwtWide<TW, TV>(p0, p1, p2, p3, w, lo, hi); j < w; j++)
                {
                    long x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
                    lo[j] = (int)((Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3 + 32768) >> 16);
                    hi[j] = (int)((Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3 + 32768) >> 16);
                }
            }
            DwtMargins(lo, w);
            DwtMargins(hi, w);
            int shift = scale == 2 ? 16 : 15;
            long round = 1L << (shift - 1);
            int bw = (w + 1) / 2;
            for (j = HorizontalDwtWide<TW, TV>(lo, hi, bw, shift, a, bandH, bandV, bandD); j < bw; j++)
            {
                int c = 2 * j - 1;
                long l0 = lo[c], l1 = lo[c + 1], l2 = lo[c + 2], l3 = lo[c + 3];
                long h0 = hi[c], h1 = hi[c + 1], h2 = hi[c + 2], h3 = hi[c + 3];
                if (a is not null) a[j] = (int)((Lo0 * l0 + Lo1 * l1 + Lo2 * l2 + Lo3 * l3 + round) >> shift);
                bandV[j] = (int)((Hi0 * l0 + Hi1 * l1 + Hi2 * l2 + Hi3 * l3 + round) >> shift);
                bandH[j] = (int)((Lo0 * h0 + Lo1 * h1 + Lo2 * h2 + Lo3 * h3 + round) >> shift);
                bandD[j] = (int)((Hi0 * h0 + Hi1 * h1 + Hi2 * h2 + Hi3 * h3 + round) >> shift);
            }
        }
    }

    // Four taps on 32-bit values as 64-bit products: the even 32-bit lanes directly, the odd ones shifted down. The
    // low 32 bits of the (logically) shifted sum are those of libvmaf's arithmetic shift, then truncated to int.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Taps64<TW, TV>(TV x0, TV x1, TV x2, TV x3, TV c0, TV c1, TV c2, TV c3, TV round, int shift)
        where TW : struct, IWordLanes<TV> where TV : struct =>
        TW.ShiftRightLogical64(TW.Add64(TW.Add64(TW.Add64(TW.MultiplyEvenSigned(x0, c0), TW.MultiplyEvenSigned(x1, c1)),
            TW.Add64(TW.MultiplyEvenSigned(x2, c2), TW.MultiplyEvenSigned(x3, c3))), round), shift);

    // Scales 2 and 3's vertical rnd_16 sums (up to 2^47), even and odd columns apart then put back in order.
    private static int VerticalDwtWide<TW, TV>(int* p0, int* p1, int* p2, int* p3, int w, int* lo, int* hi)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2, j = 0;
        TV l0 = TW.Splat64(Lo0), l1 = TW.Splat64(Lo1), l2 = TW.Splat64(Lo2), l3 = TW.Splat64(Lo3);
        TV h0 = TW.Splat64(Hi0), h1 = TW.Splat64(Hi1), h2 = TW.Splat64(Hi2), h3 = TW.Splat64(Hi3);
        TV round = TW.Splat64(32768), low32 = TW.Splat64(0xFFFFFFFFL);
        for (; j + lanes <= w; j += lanes)
        {
            TV x0 = TW.Load(p0 + j), x1 = TW.Load(p1 + j), x2 = TW.Load(p2 + j), x3 = TW.Load(p3 + j);
            TV y0 = TW.ShiftRightLogical64(x0, 32), y1 = TW.ShiftRightLogical64(x1, 32), y2 = TW.ShiftRightLogical64(x2, 32), y3 = TW.ShiftRightLogical64(x3, 32);
            TW.Store(TW.Or(TW.And(Taps64<TW, TV>(x0, x1, x2, x3, l0, l1, l2, l3, round, 16), low32),
                TW.ShiftLeft64(Taps64<TW, TV>(y0, y1, y2, y3, l0, l1, l2, l3, round, 16), 32)), lo + j);
            TW.Store(TW.Or(TW.And(Taps64<TW, TV>(x0, x1, x2, x3, h0, h1, h2, h3, round, 16), low32),
                TW.ShiftLeft64(Taps64<TW, TV>(y0, y1, y2, y3, h0, h1, h2, h3, round, 16), 32)), hi + j);
        }
        return j;
    }

    // Scales 1..3's horizontal pass (sums up to 2^47): output j reads columns 2j-1..2j+2, which a 64-bit lane at 2j-1
    // holds as its even and odd 32-bit halves. Returns the outputs done.
    private static int HorizontalDwtWide<TW, TV>(int* lo, int* hi, int bw, int shift, int* a, int* bandH, int* bandV, int* bandD)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 4, j = 0; // outputs per vector of 64-bit lanes
        TV l0 = TW.Splat64(Lo0), l1 = TW.Splat64(Lo1), l2 = TW.Splat64(Lo2), l3 = TW.Splat64(Lo3);
        TV h0 = TW.Splat64(Hi0), h1 = TW.Splat64(Hi1), h2 = TW.Splat64(Hi2), h3 = TW.Splat64(Hi3);
        TV round = TW.Splat64(1L << (shift - 1));
        for (; j + 2 * lanes <= bw; j += 2 * lanes)
        {
            TV aLow = default, vLow = default, hLow = default, dLow = default;
            for (int part = 0; part < 2; part++)
            {
                int c = 2 * (j + part * lanes) - 1;
                TV x0 = TW.Load(lo + c), x2 = TW.Load(lo + c + 2), x1 = TW.ShiftRightLogical64(x0, 32), x3 = TW.ShiftRightLogical64(x2, 32);
                TV y0 = TW.Load(hi + c), y2 = TW.Load(hi + c + 2), y1 = TW.ShiftRightLogical64(y0, 32), y3 = TW.ShiftRightLogical64(y2, 32);
                TV av = Taps64<TW, TV>(x0, x1, x2, x3, l0, l1, l2, l3, round, shift), vv = Taps64<TW, TV>(x0, x1, x2, x3, h0, h1, h2, h3, round, shift);
                TV hv = Taps64<TW, TV>(y0, y1, y2, y3, l0, l1, l2, l3, round, shift), dv = Taps64<TW, TV>(y0, y1, y2, y3, h0, h1, h2, h3, round, shift);
                if (part == 0)
                {
                    aLow = av; vLow = vv; hLow = hv; dLow = dv;
                    continue;
                }
                if (a is not null) TW.Store(TW.NarrowInt64(aLow, av), a + j);
                TW.Store(TW.NarrowInt64(vLow, vv), bandV + j);
                TW.Store(TW.NarrowInt64(hLow, hv), bandH + j);
                TW.Store(TW.NarrowInt64(dLow, dv), bandD + j);
            }
        }
        return j;
    }

    // Scale 1's vertical sums (no shift) from 16-bit-range values held in 32-bit lanes: (x0, x1) and (x2, x3) paired
    // into one lane each for pmaddwd. Returns the columns done.
    private static int VerticalDwt1<TW, TV>(int* p0, int* p1, int* p2, int* p3, int w, int* lo, int* hi)
        where TW : struct, IWordLanes<TV> where TV : struct
    {
        int lanes = TW.Count16 / 2, j = 0;
        TV lo01 = TW.Splat32(LoPair01), lo23 = TW.Splat32(LoPair23), hi01 = TW.Splat32(HiPair01), hi23 = TW.Splat32(HiPair23);
        TV low16 = TW.Splat32(0xFFFF);
        for (; j + lanes <= w; j += lanes)
        {
            TV a = TW.Or(TW.And(TW.Load(p0 + j), low16), TW.ShiftLeft32(TW.Load(p1 + j), 16));
            TV b = TW.Or(TW.And(TW.Load(p2 + j), low16), TW.ShiftLeft32(TW.Load(p3 + j), 16));
            TW.Store(TW.Add32(TW.MultiplyAddAdjacent(a, lo01), TW.MultiplyAddAdjacent(b, lo23)), lo + j);
            TW.Store(TW.Add32(TW.MultiplyAddAdjacent(a, hi01), TW.MultiplyAddAdjacent(b, hi23)), hi + j);
        }
        return j;
    }
}
