// Integer VIF at four scales, computed exactly as libvmaf's integer_vif does (see shared/vmaf/ALGORITHM.md §3):
// the dominant cost of VMAF, so the separable filters run as uint32 SIMD with libvmaf's exact rounding.
// Every intermediate fits 32 bits unsigned once 64-bit sums are split into 16-bit halves (sum of taps = 2^16).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread VIF workspace for one frame size; reusing it keeps scoring allocation-free.</summary>
internal sealed unsafe class VifExtractor
{
    private static readonly uint[][] Kernels =
    [
        [489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489],
        [1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244],
        [3571, 16004, 26386, 16004, 3571],
        [10904, 43728, 10904],
    ];

    private const int Pad = 8; // half of the widest kernel
    private const long NoiseSq = 131072; // sigma_nsq = 2.0 in the Q16 variance domain

    // Q11 log2 for 32768..65535, built from float32 log2f as libvmaf does (double log2 differs in 38 entries).
    private static readonly ushort[] Log2Table = BuildLogTable();

    private readonly int _width, _height;
    private readonly double _gainLimit; // vif_enhn_gain_limit
    private readonly ushort[][] _refPyramid = new ushort[4][];
    private readonly ushort[][] _distPyramid = new ushort[4][];
    private readonly int[] _scaleWidth = new int[4], _scaleHeight = new int[4];
    private readonly uint[] _padM1, _padM2, _padRR, _padDD, _padRD; // vertical results with mirrored margins
    private readonly uint[] _m1, _m2, _rr, _dd, _rd; // horizontal results for one row

    public VifExtractor(int width, int height, double gainLimit = 100.0)
    {
        _gainLimit = gainLimit;
        if (width < 16 || height < 16)
            throw new ArgumentOutOfRangeException(nameof(width), $"VIF needs at least 16x16 pixels, got {width}x{height}.");
        _width = width;
        _height = height;
        int w = width, h = height;
        for (int s = 0; s < 4; s++)
        {
            _scaleWidth[s] = w;
            _scaleHeight[s] = h;
            if (s > 0)
            {
                _refPyramid[s] = new ushort[w * h];
                _distPyramid[s] = new ushort[w * h];
            }
            w /= 2;
            h /= 2;
        }
        int padded = width + 2 * Pad + 16;
        _padM1 = new uint[padded]; _padM2 = new uint[padded];
        _padRR = new uint[padded]; _padDD = new uint[padded]; _padRD = new uint[padded];
        _m1 = new uint[width + 16]; _m2 = new uint[width + 16];
        _rr = new uint[width + 16]; _dd = new uint[width + 16]; _rd = new uint[width + 16];
    }

    /// <summary>Computes the four scales for one frame pair of luma samples (stride = width).</summary>
    public void Compute(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, int bitDepth, Span<VifScaleResult> scales)
    {
        int n = _width * _height;
        if (reference.Length < n || distorted.Length < n)
            throw new ArgumentException("Plane smaller than the extractor's frame size.");
        int[] sw = _scaleWidth, sh = _scaleHeight;
        fixed (ushort* r0 = reference, d0 = distorted)
        fixed (ushort* r1 = _refPyramid[1], d1 = _distPyramid[1])
        fixed (ushort* r2 = _refPyramid[2], d2 = _distPyramid[2])
        fixed (ushort* r3 = _refPyramid[3], d3 = _distPyramid[3])
        {
            scales[0] = Statistics(r0, d0, sw[0], sh[0], Kernels[0], bitDepth, 2 * (bitDepth - 8));
            Downsample(r0, sw[0], sh[0], Kernels[1], bitDepth, r1);
            Downsample(d0, sw[0], sh[0], Kernels[1], bitDepth, d1);
            scales[1] = Statistics(r1, d1, sw[1], sh[1], Kernels[1], 16, 16);
            Downsample(r1, sw[1], sh[1], Kernels[2], 16, r2);
            Downsample(d1, sw[1], sh[1], Kernels[2], 16, d2);
            scales[2] = Statistics(r2, d2, sw[2], sh[2], Kernels[2], 16, 16);
            Downsample(r2, sw[2], sh[2], Kernels[3], 16, r3);
            Downsample(d2, sw[2], sh[2], Kernels[3], 16, d3);
            scales[3] = Statistics(r3, d3, sw[3], sh[3], Kernels[3], 16, 16);
        }
    }

    private VifScaleResult Statistics(ushort* reference, ushort* distorted, int w, int h, uint[] kernel, int shiftMean, int shiftSquare)
    {
        int taps = kernel.Length, half = taps / 2;
        long numLog = 0, denLog = 0, numNonLog = 0, cntNonLog = 0;
        ushort** refRows = stackalloc ushort*[taps];
        ushort** distRows = stackalloc ushort*[taps];
        fixed (uint* c = kernel)
        fixed (uint* pm1 = _padM1, pm2 = _padM2, prr = _padRR, pdd = _padDD, prd = _padRD)
        fixed (uint* m1 = _m1, m2 = _m2, rr = _rr, dd = _dd, rd = _rd)
        fixed (ushort* logTable = Log2Table)
        {
            for (int i = 0; i < h; i++)
            {
                for (int k = 0; k < taps; k++)
                {
                    int row = QualityMath.Reflect101(i - half + k, h);
                    refRows[k] = reference + (nint)row * w;
                    distRows[k] = distorted + (nint)row * w;
                }
                VerticalStatistics(refRows, distRows, c, taps, w, shiftMean, shiftSquare,
                    pm1 + Pad, pm2 + Pad, prr + Pad, pdd + Pad, prd + Pad);
                MirrorMargins(pm1 + Pad, w, half); MirrorMargins(pm2 + Pad, w, half);
                MirrorMargins(prr + Pad, w, half); MirrorMargins(pdd + Pad, w, half); MirrorMargins(prd + Pad, w, half);
                HorizontalSum(pm1 + Pad - half, c, taps, w, m1);
                HorizontalSum(pm2 + Pad - half, c, taps, w, m2);
                HorizontalRound16(prr + Pad - half, c, taps, w, rr);
                HorizontalRound16(pdd + Pad - half, c, taps, w, dd);
                HorizontalRound16(prd + Pad - half, c, taps, w, rd);

                int j = 0;
                if (Avx512F.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported)
                    j = AccumulateAvx512(m1, m2, rr, dd, rd, w, logTable, _gainLimit, ref numLog, ref denLog, ref numNonLog, ref cntNonLog);
                for (; j < w; j++)
                {
                    ulong mu1 = m1[j], mu2 = m2[j];
                    long mu1Sq = (long)((mu1 * mu1 + 0x80000000UL) >> 32);
                    long mu2Sq = (long)((mu2 * mu2 + 0x80000000UL) >> 32);
                    long mu12 = (long)((mu1 * mu2 + 0x80000000UL) >> 32);
                    int sigma1 = (int)(rr[j] - mu1Sq);
                    int sigma2 = Math.Max((int)(dd[j] - mu2Sq), 0);
                    int sigma12 = (int)(rd[j] - mu12);
                    if (sigma1 >= NoiseSq)
                    {
                        denLog += Log2Q11(logTable, (ulong)(NoiseSq + sigma1)) - 17 * 2048;
                        if (sigma12 > 0 && sigma2 > 0)
                        {
                            double g = sigma12 / (sigma1 + 6.5536e-6);
                            int sv = (int)(sigma2 - g * sigma12);
                            if (sv < 0) sv = 0;
                            if (g > _gainLimit) g = _gainLimit;
                            long n1 = sv + NoiseSq;
                            long n2 = (long)(g * g * sigma1) + n1;
                            numLog += Log2Q11(logTable, (ulong)n2) - Log2Q11(logTable, (ulong)n1);
                        }
                    }
                    else
                    {
                        numNonLog += sigma2;
                        cntNonLog++;
                    }
                }
            }
        }
        return FinishScale(numLog, denLog, numNonLog, cntNonLog);
    }

    /// <summary>
    /// A scale's result from its integer sums (log-domain numerator and denominator in Q11, the non-log sigma2 sum
    /// and pixel count); shared with the CUDA kernels' host side so both round identically.
    /// </summary>
    internal static VifScaleResult FinishScale(long numLog, long denLog, long numNonLog, long cntNonLog) => new()
    {
        Numerator = (float)(numLog / 2048.0 + (cntNonLog - numNonLog / 16384.0 / 65025.0)),
        Denominator = (float)(denLog / 2048.0 + cntNonLog),
    };

    /// <summary>The filter taps of scale 0..3 (each sums to 2^16); the CUDA kernels get them as a device table.</summary>
    internal static ReadOnlySpan<uint> Filter(int scale) => Kernels[scale];

    /// <summary>The Q11 log2 table of 32768..65535 the CUDA kernels get as a device table.</summary>
    internal static ReadOnlySpan<ushort> Log2Q11Table => Log2Table;

    // The per-pixel part of §3.3-3.4 eight pixels at a time: 64-bit products, masked log/ratio terms.
    // Lanes that take no branch still compute (on sanitised inputs) and are masked out of the sums.
    private static int AccumulateAvx512(uint* m1, uint* m2, uint* rr, uint* dd, uint* rd, int w, ushort* logTable, double gainLimit,
        ref long numLog, ref long denLog, ref long numNonLog, ref long cntNonLog)
    {
        var half = Vector512.Create(0x80000000UL);
        var nsq = Vector512.Create(NoiseSq);
        var safe = Vector512.Create(1L << 17);
        var one = Vector512.Create(1L);
        var eps = Vector512.Create(6.5536e-6);
        var limit = Vector512.Create(gainLimit);
        var denOffset = Vector512.Create(17L * 2048);
        Vector512<long> accNum = default, accDen = default, accNonLog = default, accCnt = default;
        long* lanes = stackalloc long[8];
        int j = 0;
        for (; j + 8 <= w; j += 8)
        {
            var mu1 = Avx512F.ConvertToVector512UInt64(Vector256.Load(m1 + j));
            var mu2 = Avx512F.ConvertToVector512UInt64(Vector256.Load(m2 + j));
            var mu1Sq = ((mu1 * mu1 + half) >> 32).AsInt64();
            var mu2Sq = ((mu2 * mu2 + half) >> 32).AsInt64();
            var mu12 = ((mu1 * mu2 + half) >> 32).AsInt64();
            var xx = Avx512F.ConvertToVector512UInt64(Vector256.Load(rr + j)).AsInt64();
            var yy = Avx512F.ConvertToVector512UInt64(Vector256.Load(dd + j)).AsInt64();
            var xy = Avx512F.ConvertToVector512UInt64(Vector256.Load(rd + j)).AsInt64();
            // libvmaf keeps these in int32: wrap, then sign-extend
            var sigma1 = Vector512.ShiftRightArithmetic((xx - mu1Sq) << 32, 32);
            var sigma2 = Vector512.Max(Vector512.ShiftRightArithmetic((yy - mu2Sq) << 32, 32), Vector512<long>.Zero);
            var sigma12 = Vector512.ShiftRightArithmetic((xy - mu12) << 32, 32);

            var logPixel = Vector512.GreaterThanOrEqual(sigma1, nsq);
            var denTerm = Log2Q11(logTable, Vector512.ConditionalSelect(logPixel, nsq + sigma1, safe), lanes) - denOffset;
            accDen += denTerm & logPixel;

            var numPixel = logPixel & Vector512.GreaterThan(sigma12, Vector512<long>.Zero) & Vector512.GreaterThan(sigma2, Vector512<long>.Zero);
            var d1 = Avx512DQ.ConvertToVector512Double(sigma1);
            var d2 = Avx512DQ.ConvertToVector512Double(sigma2);
            var d12 = Avx512DQ.ConvertToVector512Double(sigma12);
            var g = d12 / (d1 + eps);
            var sv = Vector512.Max(Avx512DQ.ConvertToVector512Int64WithTruncation(d2 - g * d12), Vector512<long>.Zero);
            g = Vector512.Min(g, limit);
            var n1 = sv + nsq;
            var n2 = Avx512DQ.ConvertToVector512Int64WithTruncation(g * g * d1) + n1;
            n1 = Vector512.ConditionalSelect(numPixel, n1, safe);
            n2 = Vector512.ConditionalSelect(numPixel, n2, safe);
            accNum += (Log2Q11(logTable, n2, lanes) - Log2Q11(logTable, n1, lanes)) & numPixel;

            accNonLog += Vector512.AndNot(sigma2, logPixel);
            accCnt += Vector512.AndNot(one, logPixel);
        }
        numLog += Vector512.Sum(accNum);
        denLog += Vector512.Sum(accDen);
        numNonLog += Vector512.Sum(accNonLog);
        cntNonLog += Vector512.Sum(accCnt);
        return j;
    }

    // Q11 log2 of eight values >= 2^17: leading-zero count gives the shift, the table the mantissa.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Log2Q11(ushort* table, Vector512<long> x, long* lanes)
    {
        var k = Vector512.Create(48UL) - Avx512CD.LeadingZeroCount(x.AsUInt64());
        var index = Avx512F.ShiftRightLogicalVariable(x.AsUInt64(), k);
        Vector512.Store(index.AsInt64(), lanes);
        var mantissa = Vector512.Create(
            (long)table[lanes[0] - 32768], table[lanes[1] - 32768], table[lanes[2] - 32768], table[lanes[3] - 32768],
            table[lanes[4] - 32768], table[lanes[5] - 32768], table[lanes[6] - 32768], table[lanes[7] - 32768]);
        return mantissa + (k.AsInt64() << 11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Log2Q11(ushort* table, ulong x)
    {
        int k = QualityMath.BitLength(x) - 16;
        return table[(int)(x >> k) - 32768] + 2048L * k;
    }

    private static void MirrorMargins(uint* row, int w, int half)
    {
        for (int k = 1; k <= half; k++)
        {
            row[-k] = row[k];
            row[w - 1 + k] = row[w - 1 - k];
        }
    }

    // Filters scale s-1 with the scale-s kernel and keeps even rows and columns.
    private void Downsample(ushort* src, int w, int h, uint[] kernel, int verticalShift, ushort* dst)
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
                VerticalSum(rows, c, taps, w, verticalShift, pad + Pad);
                MirrorMargins(pad + Pad, w, half);
                HorizontalSum(pad + Pad - half, c, taps, w, outRow);
                ushort* o = dst + (nint)i * ow;
                for (int j = 0; j < ow; j++)
                    o[j] = (ushort)((outRow[2 * j] + 32768u) >> 16);
            }
        }
    }

    private static void VerticalSum(ushort** rows, uint* c, int taps, int w, int shift, uint* output)
    {
        uint round = shift > 0 ? 1u << (shift - 1) : 0;
        int j = 0;
        if (Avx512F.IsSupported)
        {
            var vRound = Vector512.Create(round);
            for (; j + 16 <= w; j += 16)
            {
                var sum = Vector512<uint>.Zero;
                for (int k = 0; k < taps; k++)
                    sum += Vector512.Create(c[k]) * Avx512F.ConvertToVector512Int32(Vector256.Load(rows[k] + j)).AsUInt32();
                Vector512.Store((sum + vRound) >> shift, output + j);
            }
        }
        if (Avx2.IsSupported)
        {
            var vRound = Vector256.Create(round);
            for (; j + 8 <= w; j += 8)
            {
                var sum = Vector256<uint>.Zero;
                for (int k = 0; k < taps; k++)
                    sum += Vector256.Create(c[k]) * Avx2.ConvertToVector256Int32(rows[k] + j).AsUInt32();
                Vector256.Store((sum + vRound) >> shift, output + j);
            }
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
    private static void VerticalStatistics(ushort** refRows, ushort** distRows, uint* c, int taps, int w, int a, int b,
        uint* m1, uint* m2, uint* rr, uint* dd, uint* rd)
    {
        uint roundA = a > 0 ? 1u << (a - 1) : 0;
        uint roundB = b > 0 ? 1u << (b - 1) : 0;
        int j = 0;
        if (Avx512F.IsSupported)
        {
            var vRoundA = Vector512.Create(roundA);
            var vRoundB = Vector512.Create(roundB);
            var lowMask = Vector512.Create(0xFFFFu);
            if (b == 0)
            {
                // 8-bit scale 0: the square sums fit 32 bits directly.
                for (; j + 16 <= w; j += 16)
                {
                    Vector512<uint> s1 = default, s2 = default, sxx = default, syy = default, sxy = default;
                    for (int k = 0; k < taps; k++)
                    {
                        var ck = Vector512.Create(c[k]);
                        var x = Avx512F.ConvertToVector512Int32(Vector256.Load(refRows[k] + j)).AsUInt32();
                        var y = Avx512F.ConvertToVector512Int32(Vector256.Load(distRows[k] + j)).AsUInt32();
                        var cx = ck * x;
                        var cy = ck * y;
                        s1 += cx; s2 += cy;
                        sxx += cx * x; syy += cy * y; sxy += cx * y;
                    }
                    Vector512.Store((s1 + vRoundA) >> a, m1 + j);
                    Vector512.Store((s2 + vRoundA) >> a, m2 + j);
                    Vector512.Store(sxx, rr + j);
                    Vector512.Store(syy, dd + j);
                    Vector512.Store(sxy, rd + j);
                }
            }
            else
            {
                int up = 16 - b;
                for (; j + 16 <= w; j += 16)
                {
                    Vector512<uint> s1 = default, s2 = default;
                    Vector512<uint> xxH = default, xxL = default, yyH = default, yyL = default, xyH = default, xyL = default;
                    for (int k = 0; k < taps; k++)
                    {
                        var ck = Vector512.Create(c[k]);
                        var x = Avx512F.ConvertToVector512Int32(Vector256.Load(refRows[k] + j)).AsUInt32();
                        var y = Avx512F.ConvertToVector512Int32(Vector256.Load(distRows[k] + j)).AsUInt32();
                        s1 += ck * x; s2 += ck * y;
                        var xx = x * x; var yy = y * y; var xy = x * y;
                        xxH += ck * (xx >> 16); xxL += ck * (xx & lowMask);
                        yyH += ck * (yy >> 16); yyL += ck * (yy & lowMask);
                        xyH += ck * (xy >> 16); xyL += ck * (xy & lowMask);
                    }
                    Vector512.Store((s1 + vRoundA) >> a, m1 + j);
                    Vector512.Store((s2 + vRoundA) >> a, m2 + j);
                    Vector512.Store((xxH << up) + ((xxL + vRoundB) >> b), rr + j);
                    Vector512.Store((yyH << up) + ((yyL + vRoundB) >> b), dd + j);
                    Vector512.Store((xyH << up) + ((xyL + vRoundB) >> b), rd + j);
                }
            }
        }
        if (Avx2.IsSupported)
        {
            var vRoundA = Vector256.Create(roundA);
            var vRoundB = Vector256.Create(roundB);
            var lowMask = Vector256.Create(0xFFFFu);
            if (b == 0)
            {
                // 8-bit scale 0: the square sums fit 32 bits directly.
                for (; j + 8 <= w; j += 8)
                {
                    Vector256<uint> s1 = default, s2 = default, sxx = default, syy = default, sxy = default;
                    for (int k = 0; k < taps; k++)
                    {
                        var ck = Vector256.Create(c[k]);
                        var x = Avx2.ConvertToVector256Int32(refRows[k] + j).AsUInt32();
                        var y = Avx2.ConvertToVector256Int32(distRows[k] + j).AsUInt32();
                        var cx = ck * x;
                        var cy = ck * y;
                        s1 += cx; s2 += cy;
                        sxx += cx * x; syy += cy * y; sxy += cx * y;
                    }
                    Vector256.Store((s1 + vRoundA) >> a, m1 + j);
                    Vector256.Store((s2 + vRoundA) >> a, m2 + j);
                    Vector256.Store(sxx, rr + j);
                    Vector256.Store(syy, dd + j);
                    Vector256.Store(sxy, rd + j);
                }
            }
            else
            {
                int up = 16 - b;
                for (; j + 8 <= w; j += 8)
                {
                    Vector256<uint> s1 = default, s2 = default;
                    Vector256<uint> xxH = default, xxL = default, yyH = default, yyL = default, xyH = default, xyL = default;
                    for (int k = 0; k < taps; k++)
                    {
                        var ck = Vector256.Create(c[k]);
                        var x = Avx2.ConvertToVector256Int32(refRows[k] + j).AsUInt32();
                        var y = Avx2.ConvertToVector256Int32(distRows[k] + j).AsUInt32();
                        s1 += ck * x; s2 += ck * y;
                        var xx = x * x; var yy = y * y; var xy = x * y;
                        xxH += ck * (xx >> 16); xxL += ck * (xx & lowMask);
                        yyH += ck * (yy >> 16); yyL += ck * (yy & lowMask);
                        xyH += ck * (xy >> 16); xyL += ck * (xy & lowMask);
                    }
                    Vector256.Store((s1 + vRoundA) >> a, m1 + j);
                    Vector256.Store((s2 + vRoundA) >> a, m2 + j);
                    Vector256.Store((xxH << up) + ((xxL + vRoundB) >> b), rr + j);
                    Vector256.Store((yyH << up) + ((yyL + vRoundB) >> b), dd + j);
                    Vector256.Store((xyH << up) + ((xyL + vRoundB) >> b), rd + j);
                }
            }
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
    private static void HorizontalSum(uint* input, uint* c, int taps, int w, uint* output)
    {
        int j = 0;
        if (Avx512F.IsSupported)
        {
            for (; j + 16 <= w; j += 16)
            {
                var sum = Vector512<uint>.Zero;
                for (int k = 0; k < taps; k++)
                    sum += Vector512.Create(c[k]) * Vector512.Load(input + j + k);
                Vector512.Store(sum, output + j);
            }
        }
        if (Avx2.IsSupported)
        {
            for (; j + 8 <= w; j += 8)
            {
                var sum = Vector256<uint>.Zero;
                for (int k = 0; k < taps; k++)
                    sum += Vector256.Create(c[k]) * Vector256.Load(input + j + k);
                Vector256.Store(sum, output + j);
            }
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
    private static void HorizontalRound16(uint* input, uint* c, int taps, int w, uint* output)
    {
        int j = 0;
        if (Avx512F.IsSupported)
        {
            var lowMask = Vector512.Create(0xFFFFu);
            var round = Vector512.Create(32768u);
            for (; j + 16 <= w; j += 16)
            {
                Vector512<uint> hi = default, lo = default;
                for (int k = 0; k < taps; k++)
                {
                    var ck = Vector512.Create(c[k]);
                    var v = Vector512.Load(input + j + k);
                    hi += ck * (v >> 16);
                    lo += ck * (v & lowMask);
                }
                Vector512.Store(hi + ((lo + round) >> 16), output + j);
            }
        }
        if (Avx2.IsSupported)
        {
            var lowMask = Vector256.Create(0xFFFFu);
            var round = Vector256.Create(32768u);
            for (; j + 8 <= w; j += 8)
            {
                Vector256<uint> hi = default, lo = default;
                for (int k = 0; k < taps; k++)
                {
                    var ck = Vector256.Create(c[k]);
                    var v = Vector256.Load(input + j + k);
                    hi += ck * (v >> 16);
                    lo += ck * (v & lowMask);
                }
                Vector256.Store(hi + ((lo + round) >> 16), output + j);
            }
        }
        for (; j < w; j++)
        {
            ulong sum = 0;
            for (int k = 0; k < taps; k++)
                sum += (ulong)c[k] * input[j + k];
            output[j] = (uint)((sum + 32768) >> 16);
        }
    }

    private static ushort[] BuildLogTable()
    {
        var table = new ushort[32768];
        for (int i = 32768; i < 65536; i++)
            table[i - 32768] = (ushort)Math.Floor(MathF.Log2(i) * 2048.0f + 0.5);
        return table;
    }
}
