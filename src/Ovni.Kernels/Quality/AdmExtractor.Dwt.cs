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
            int j = 0;
            if (scale == 1)
            {
                j = VerticalDwt1<TW, TV>(p0, p1, p2, p3, w, lo, hi);
                for (; j < w; j++)
                {
                    int x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
                    lo[j] = Lo0 * x0 + Lo1 * x1 + Lo2 * x2 + Lo3 * x3;
                    hi[j] = Hi0 * x0 + Hi1 * x1 + Hi2 * x2 + Hi3 * x3;
                }
            }
            else
            {
                for (; j < w; j++)
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
            for (j = 0; j < bw; j++)
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
