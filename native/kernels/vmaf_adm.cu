// Why: VMAF's ADM feature (integer_adm2, libvmaf's integer ADM) on the device, so a GPU pipeline scores frames
// without downloading them. Mirrored bit for bit by Ovni.Kernels.Quality.AdmExtractor (spec:
// ../shared/vmaf/ALGORITHM.md section 4); the C# launcher Ovni.Devices.Cuda.Quality.CudaAdmFeatures runs, per
// scale s = 0..3:
//   1. ovni_adm_dwt_vertical   (reference, then distorted): db2 low/high along columns, thread per output sample
//      of the ceil(h/2) x w result. Scale 0 reads the packed 16-bit luma, re-centres it on mid-grey and shifts
//      by bitDepth in wrapping 32-bit arithmetic; scale 1 keeps the raw 32-bit sum; scales 2 and 3 round by 16
//      bits in 64-bit arithmetic.
//   2. ovni_adm_dwt_horizontal: db2 along rows of the low and high signals, thread per output coefficient,
//      writing the A, H, V, D bands (64-bit sums rounded by 15 bits at scales 1 and 3, 16 bits otherwise).
//      Borders: position -1 reads 1, position p >= n reads 2n-1-p.
//   3. ovni_adm_decouple: thread per coefficient of the decouple region (the inner region plus one ring,
//      clipped to the band): the 1-degree angle flag in the CPU code's float/double steps, the gain k ~ t/o in
//      Q15 through the floor(2^30/i) table, the restored part r and the CSF-weighted additive part's two
//      masking weights (neighbour and centre).
//   4. ovni_adm_masked_terms: thread per coefficient of the inner region: the 3x3 contrast-masking threshold
//      and the Minkowski-3 cube of the masked, CSF-weighted restored coefficient, for H, V and D (int64).
//   5. ovni_adm_reference_terms: thread per coefficient of the inner region: the cube of the reference
//      coefficient (the denominator), for H, V and D (int64).
//   6. ovni_adm_row_sums: thread per (row, term plane): the 64-bit sum of one row of one term plane.
// The host downloads the row sums (6 x rows per scale, small) and finishes with the extractor's own routine
// (per-row rounding shift, powers of two, the float cube roots), so both paths share the final arithmetic.
// The heavy passes (1-5) use one thread per output value, so a real GPU is fully occupied; only the
// row sums run one thread per row.
// All bands are int32, row-major with `bandPitch` bytes per row; term planes are int64 with `termsPitch` bytes per
// row and `planeRows` rows per plane (plane p, row i starts at terms + (p * planeRows + i) * termsPitch).
#include "ovni_cuda.h"

// db2 analysis taps in Q15 (A: low, then high), applied to input positions 2i-1 .. 2i+2.
#define OVNI_ADM_LO0 15826
#define OVNI_ADM_LO1 27411
#define OVNI_ADM_LO2 7345
#define OVNI_ADM_LO3 (-4240)
#define OVNI_ADM_HI0 (-4240)
#define OVNI_ADM_HI1 (-7345)
#define OVNI_ADM_HI2 27411
#define OVNI_ADM_HI3 (-15826)

OVNI_FN int ovni_adm_mirror(int p, int n)
{
    return p < 0 ? -p : (p >= n ? 2 * n - 1 - p : p);
}

OVNI_FN int* ovni_adm_row32(unsigned char* band, int pitch, int y)
{
    return (int*)(band + (long long)y * pitch);
}

OVNI_FN long long* ovni_adm_row64(unsigned char* plane, int pitch, int y)
{
    return (long long*)(plane + (long long)y * pitch);
}

// The low 32 bits of a 64-bit value as a signed int: C#'s unchecked int arithmetic, without C++'s overflow UB.
OVNI_FN int ovni_adm_wrap32(long long v)
{
    return (int)(unsigned int)(unsigned long long)v;
}

OVNI_FN long long ovni_adm_abs64(long long v)
{
    return v < 0 ? -v : v;
}

// Number of significant bits of a positive value.
OVNI_FN int ovni_adm_bit_length(unsigned long long v)
{
    int n = 0;
    while (v != 0)
    {
        ++n;
        v >>= 1;
    }
    return n;
}

// Q32 CSF factors of scales 1..3 for H/V (orientation 0) and D (orientation 1).
OVNI_FN long long ovni_adm_rfactor_q32(int scale, int orientation)
{
    if (scale == 1) return orientation == 0 ? 137373792LL : 61414028LL;
    if (scale == 2) return orientation == 0 ? 186284160LL : 104783920LL;
    return orientation == 0 ? 196165808LL : 134487184LL;
}

// Vertical db2 pass: src is `height` rows of `width` samples (unsigned short at scale 0, int otherwise);
// lo/hi get ceil(height/2) rows. Thread (x, y) = output column x, output row y.
OVNI_KERNEL(ovni_adm_dwt_vertical)(unsigned char* src, int srcPitch, int width, int height, int scale, int bitDepth,
                                   unsigned char* lo, unsigned char* hi, int bandPitch)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= (height + 1) / 2) return;
    int p0 = ovni_adm_mirror(2 * y - 1, height), p1 = ovni_adm_mirror(2 * y, height);
    int p2 = ovni_adm_mirror(2 * y + 1, height), p3 = ovni_adm_mirror(2 * y + 2, height);
    long long x0, x1, x2, x3;
    if (scale == 0)
    {
        x0 = ovni_row16(src, srcPitch, p0)[x];
        x1 = ovni_row16(src, srcPitch, p1)[x];
        x2 = ovni_row16(src, srcPitch, p2)[x];
        x3 = ovni_row16(src, srcPitch, p3)[x];
    }
    else
    {
        x0 = ovni_adm_row32(src, srcPitch, p0)[x];
        x1 = ovni_adm_row32(src, srcPitch, p1)[x];
        x2 = ovni_adm_row32(src, srcPitch, p2)[x];
        x3 = ovni_adm_row32(src, srcPitch, p3)[x];
    }
    long long sumLo = OVNI_ADM_LO0 * x0 + OVNI_ADM_LO1 * x1 + OVNI_ADM_LO2 * x2 + OVNI_ADM_LO3 * x3;
    long long sumHi = OVNI_ADM_HI0 * x0 + OVNI_ADM_HI1 * x1 + OVNI_ADM_HI2 * x2 + OVNI_ADM_HI3 * x3;
    int outLo, outHi;
    if (scale == 0)
    {
        // 32-bit arithmetic as libvmaf (and the C# twin): the mid-grey offset 46342 * 2^(bitDepth-1), then the shift.
        long long offset = 46342LL << (bitDepth - 1);
        long long round = 1LL << (bitDepth - 1);
        outLo = ovni_adm_wrap32(sumLo - offset + round) >> bitDepth;
        outHi = ovni_adm_wrap32(sumHi + round) >> bitDepth;
    }
    else if (scale == 1)
    {
        outLo = ovni_adm_wrap32(sumLo);
        outHi = ovni_adm_wrap32(sumHi);
    }
    else
    {
        outLo = (int)((sumLo + 32768) >> 16);
        outHi = (int)((sumHi + 32768) >> 16);
    }
    ovni_adm_row32(lo, bandPitch, y)[x] = outLo;
    ovni_adm_row32(hi, bandPitch, y)[x] = outHi;
}
OVNI_REGISTER(ovni_adm_dwt_vertical)

// Horizontal db2 pass over `rows` rows of `width` low/high samples: A = lo*LO, V = lo*HI, H = hi*LO, D = hi*HI,
// ceil(width/2) columns each. Thread (x, y) = output column x, row y.
OVNI_KERNEL(ovni_adm_dwt_horizontal)(unsigned char* lo, unsigned char* hi, int srcPitch, int width, int rows, int scale,
                                     unsigned char* bandA, unsigned char* bandH, unsigned char* bandV,
                                     unsigned char* bandD, int bandPitch)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= (width + 1) / 2 || y >= rows) return;
    int shift = (scale == 1 || scale == 3) ? 15 : 16;
    long long round = 1LL << (shift - 1);
    int c0 = ovni_adm_mirror(2 * x - 1, width), c1 = ovni_adm_mirror(2 * x, width);
    int c2 = ovni_adm_mirror(2 * x + 1, width), c3 = ovni_adm_mirror(2 * x + 2, width);
    const int* l = ovni_adm_row32(lo, srcPitch, y);
    const int* h = ovni_adm_row32(hi, srcPitch, y);
    long long l0 = l[c0], l1 = l[c1], l2 = l[c2], l3 = l[c3];
    long long h0 = h[c0], h1 = h[c1], h2 = h[c2], h3 = h[c3];
    ovni_adm_row32(bandA, bandPitch, y)[x] =
        (int)((OVNI_ADM_LO0 * l0 + OVNI_ADM_LO1 * l1 + OVNI_ADM_LO2 * l2 + OVNI_ADM_LO3 * l3 + round) >> shift);
    ovni_adm_row32(bandV, bandPitch, y)[x] =
        (int)((OVNI_ADM_HI0 * l0 + OVNI_ADM_HI1 * l1 + OVNI_ADM_HI2 * l2 + OVNI_ADM_HI3 * l3 + round) >> shift);
    ovni_adm_row32(bandH, bandPitch, y)[x] =
        (int)((OVNI_ADM_LO0 * h0 + OVNI_ADM_LO1 * h1 + OVNI_ADM_LO2 * h2 + OVNI_ADM_LO3 * h3 + round) >> shift);
    ovni_adm_row32(bandD, bandPitch, y)[x] =
        (int)((OVNI_ADM_HI0 * h0 + OVNI_ADM_HI1 * h1 + OVNI_ADM_HI2 * h2 + OVNI_ADM_HI3 * h3 + round) >> shift);
}
OVNI_REGISTER(ovni_adm_dwt_horizontal)

// Splits distorted t into restored r (returned) and additive a; adds the CSF-weighted a's masking weights.
OVNI_FN int ovni_adm_decouple_one(int scale, long long o, long long t, bool flag, int orientation,
                                  const int* reciprocals, double gainLimit, int* sumF, int* sumC)
{
    long long k;
    if (o == 0)
    {
        k = 32768;
    }
    else
    {
        long long abs = ovni_adm_abs64(o), sign = o < 0 ? -1 : 1;
        if (scale == 0 || abs < 32768)
        {
            long long reciprocal = sign * reciprocals[abs];
            k = (reciprocal * t + 16384) >> 15;
        }
        else
        {
            int m = ovni_adm_bit_length((unsigned long long)abs) - 15;
            long long q = (abs + (1LL << (m - 1))) >> m;
            k = ((long long)reciprocals[q] * t * sign + (1LL << (14 + m))) >> (15 + m);
        }
    }
    k = k < 0 ? 0 : (k > 32768 ? 32768 : k);
    long long ko = k * o;
    long long r = (ko + 16384) >> 15;
    if (flag && ko > 0)
    {
        long long gained = (long long)((double)r * gainLimit);
        r = gained < t ? gained : t;
    }
    else if (flag && ko < 0)
    {
        long long gained = (long long)((double)r * gainLimit);
        r = gained > t ? gained : t;
    }
    long long a = t - r;
    if (scale == 0)
    {
        // Scale-0 bands are int16 in libvmaf: r, a and the CSF-weighted a wrap to 16 bits.
        r = (short)r;
        a = (short)a;
        long long cA = orientation == 0 ? (short)((36453 * a + 16384) >> 15) : (short)((49417 * a + 65535) >> 17);
        long long abs = ovni_adm_abs64(cA);
        *sumF += (int)((4369 * abs + 2048) >> 12);
        *sumC += (int)((8738 * abs + 2048) >> 12);
    }
    else
    {
        long long cA = (ovni_adm_rfactor_q32(scale, orientation) * a + (1LL << 27)) >> 28;
        long long abs = ovni_adm_abs64(cA);
        *sumF += (int)((143165577LL * abs - (1LL << 31)) >> 32);
        *sumC += (int)((286331153LL * abs - (1LL << 31)) >> 32);
    }
    return (int)r;
}

// Decoupling over columns [colStart, colEnd) x rows [rowStart, rowEnd): restH/V/D get r, maskF/maskC the summed
// neighbour and centre masking weights of the three orientations. reciprocals[i] = floor(2^30 / i), i = 0..32768.
// The gain limit (adm_enhn_gain_limit, a double) comes as its IEEE-754 bits split into two ints.
// Thread (x, y) = coefficient (colStart + x, rowStart + y).
OVNI_KERNEL(ovni_adm_decouple)(unsigned char* refH, unsigned char* refV, unsigned char* refD, unsigned char* distH,
                               unsigned char* distV, unsigned char* distD, unsigned char* restH, unsigned char* restV,
                               unsigned char* restD, unsigned char* maskF, unsigned char* maskC, int bandPitch,
                               int colStart, int rowStart, int colEnd, int rowEnd, int scale, int* reciprocals,
                               int gainLimitLow, int gainLimitHigh)
{
    int j = colStart + ovni_global_x(), i = rowStart + ovni_global_y();
    if (j >= colEnd || i >= rowEnd) return;
    union
    {
        unsigned long long bits;
        double value;
    } gain;
    gain.bits = ((unsigned long long)(unsigned int)gainLimitHigh << 32) | (unsigned int)gainLimitLow;

    long long oh = ovni_adm_row32(refH, bandPitch, i)[j], ov = ovni_adm_row32(refV, bandPitch, i)[j];
    long long od = ovni_adm_row32(refD, bandPitch, i)[j];
    long long th = ovni_adm_row32(distH, bandPitch, i)[j], tv = ovni_adm_row32(distV, bandPitch, i)[j];
    long long td = ovni_adm_row32(distD, bandPitch, i)[j];

    // The angle test: float32 of each 64-bit dot product, widened to double, compared left to right.
    long long dot = oh * th + ov * tv;
    long long po = oh * oh + ov * ov;
    long long pt = th * th + tv * tv;
    double fDot = (double)(float)dot / 4096.0, fPo = (double)(float)po / 4096.0, fPt = (double)(float)pt / 4096.0;
    const double angleCos2 = 0.99969542026519775390625; // f32(cos(1 deg)^2)
    bool flag = fDot >= 0 && fDot * fDot >= angleCos2 * fPo * fPt;

    int sumF = 0, sumC = 0;
    ovni_adm_row32(restH, bandPitch, i)[j] = ovni_adm_decouple_one(scale, oh, th, flag, 0, reciprocals, gain.value, &sumF, &sumC);
    ovni_adm_row32(restV, bandPitch, i)[j] = ovni_adm_decouple_one(scale, ov, tv, flag, 0, reciprocals, gain.value, &sumF, &sumC);
    ovni_adm_row32(restD, bandPitch, i)[j] = ovni_adm_decouple_one(scale, od, td, flag, 1, reciprocals, gain.value, &sumF, &sumC);
    ovni_adm_row32(maskF, bandPitch, i)[j] = sumF;
    ovni_adm_row32(maskC, bandPitch, i)[j] = sumC;
}
OVNI_REGISTER(ovni_adm_decouple)

// The masked, CSF-weighted restored coefficient cubed (Minkowski-3 term before the row's rounding shift).
OVNI_FN long long ovni_adm_masked(int scale, long long r, int orientation, long long threshold, int shift)
{
    long long cRound = shift > 0 ? 1LL << (shift - 1) : 0;
    long long x, q, xp;
    if (scale == 0)
    {
        long long ir = orientation == 0 ? 36453 : 49417;
        int p = orientation == 0 ? 29 : 30;
        x = ovni_adm_wrap32(r * ir); // int32 product, as libvmaf
        xp = ovni_adm_abs64(x) - (threshold << (orientation == 0 ? 10 : 12));
        xp = xp < 0 ? 0 : xp;
        q = (xp * xp + (1LL << (p - 1))) >> p;
    }
    else
    {
        x = (r * ovni_adm_rfactor_q32(scale, orientation) + (1LL << 27)) >> 28;
        xp = ovni_adm_abs64(x) - threshold;
        xp = xp < 0 ? 0 : xp;
        q = (xp * xp + (1LL << 29)) >> 30;
    }
    return (q * xp + cRound) >> shift;
}

// Numerator terms over the inner region [left, right) x [top, bottom) of a width x height band: the masking
// threshold is maskC at the centre plus maskF of the 8 neighbours (row -1 reads row 1, row h reads row h-1,
// column -1 reads column 1, column w reads column w-1). Terms planes 0, 1, 2 get H, V, D.
// shiftHV/shiftD are the per-term rounding shifts (ceil(log2(w)) variants computed on the host).
// Thread (x, y) = coefficient (left + x, top + y).
OVNI_KERNEL(ovni_adm_masked_terms)(unsigned char* restH, unsigned char* restV, unsigned char* restD, unsigned char* maskF,
                                   unsigned char* maskC, int bandPitch, int width, int height, int left, int top,
                                   int right, int bottom, int scale, int shiftHV, int shiftD, unsigned char* terms,
                                   int termsPitch, int planeRows)
{
    int j = left + ovni_global_x(), i = top + ovni_global_y();
    if (j >= right || i >= bottom) return;
    const int* up = ovni_adm_row32(maskF, bandPitch, i == 0 ? 1 : i - 1);
    const int* mid = ovni_adm_row32(maskF, bandPitch, i);
    const int* down = ovni_adm_row32(maskF, bandPitch, i + 1 == height ? height - 1 : i + 1);
    int lf = j == 0 ? 1 : j - 1, rt = j + 1 == width ? width - 1 : j + 1;
    // Summed in 32 bits as the CPU code does (the weights are small: no wrap in practice).
    long long threshold = ovni_adm_wrap32((long long)ovni_adm_row32(maskC, bandPitch, i)[j] + up[lf] + up[j] + up[rt]
                                          + mid[lf] + mid[rt] + down[lf] + down[j] + down[rt]);
    ovni_adm_row64(terms, termsPitch, i)[j] =
        ovni_adm_masked(scale, ovni_adm_row32(restH, bandPitch, i)[j], 0, threshold, shiftHV);
    ovni_adm_row64(terms, termsPitch, planeRows + i)[j] =
        ovni_adm_masked(scale, ovni_adm_row32(restV, bandPitch, i)[j], 0, threshold, shiftHV);
    ovni_adm_row64(terms, termsPitch, 2 * planeRows + i)[j] =
        ovni_adm_masked(scale, ovni_adm_row32(restD, bandPitch, i)[j], 1, threshold, shiftD);
}
OVNI_REGISTER(ovni_adm_masked_terms)

OVNI_FN long long ovni_adm_cube(int scale, long long o, int shift)
{
    long long v = ovni_adm_abs64(o);
    if (scale == 0) return v * v * v;
    int qs = scale == 2 ? 30 : 31;
    long long cRound = shift > 0 ? 1LL << (shift - 1) : 0;
    return ((((v * v + (1LL << qs)) >> qs) * v) + cRound) >> shift;
}

// Denominator terms over the inner region: |o|^3 of the reference H, V, D bands into terms planes 3, 4, 5
// (scales 1..3 scale the square by 2^-qs and the cube by 2^-shift, shift = ceil(log2(right - left))).
// Thread (x, y) = coefficient (left + x, top + y).
OVNI_KERNEL(ovni_adm_reference_terms)(unsigned char* refH, unsigned char* refV, unsigned char* refD, int bandPitch,
                                      int left, int top, int right, int bottom, int scale, int shift,
                                      unsigned char* terms, int termsPitch, int planeRows)
{
    int j = left + ovni_global_x(), i = top + ovni_global_y();
    if (j >= right || i >= bottom) return;
    ovni_adm_row64(terms, termsPitch, 3 * planeRows + i)[j] = ovni_adm_cube(scale, ovni_adm_row32(refH, bandPitch, i)[j], shift);
    ovni_adm_row64(terms, termsPitch, 4 * planeRows + i)[j] = ovni_adm_cube(scale, ovni_adm_row32(refV, bandPitch, i)[j], shift);
    ovni_adm_row64(terms, termsPitch, 5 * planeRows + i)[j] = ovni_adm_cube(scale, ovni_adm_row32(refD, bandPitch, i)[j], shift);
}
OVNI_REGISTER(ovni_adm_reference_terms)

// Row sums of `planes` term planes over columns [left, right) and rows [top, bottom):
// sums[firstSum + p * planeRows + i] = sum of terms plane p, row i (64-bit, wrapping as C#'s long).
// Thread (x, y) = row top + x of plane y.
OVNI_KERNEL(ovni_adm_row_sums)(unsigned char* terms, int termsPitch, int planeRows, int planes, int left, int top,
                               int right, int bottom, unsigned char* sums, int firstSum)
{
    int i = top + ovni_global_x(), p = ovni_global_y();
    if (i >= bottom || p >= planes) return;
    const long long* row = ovni_adm_row64(terms, termsPitch, p * planeRows + i);
    unsigned long long sum = 0;
    for (int j = left; j < right; ++j) sum += (unsigned long long)row[j];
    ((long long*)sums)[firstSum + (long long)p * planeRows + i] = (long long)sum;
}
OVNI_REGISTER(ovni_adm_row_sums)
