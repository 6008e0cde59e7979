// Why: VIF is most of VMAF's cost; these kernels compute libvmaf's integer VIF statistics on the device, bit for
// bit what Ovni.Kernels.Quality.VifExtractor computes on the CPU (spec: shared/vmaf/ALGORITHM.md section 3), so a
// GPU pipeline scores frames without downloading them. Only small per-row partial sums leave the device.
//
// Per scale s (width x height at that scale, filter = the scale's symmetric taps summing to 2^16, passed by the
// host as a device table of `taps` unsigned ints):
//  1. ovni_vmaf_vif_vertical: for every pixel, the vertical filter of ref, dist, ref^2, dist^2, ref*dist over
//     rows mirrored reflect-101 at the top and bottom, in 64-bit: means rounded and shifted by shiftMean, squares
//     by shiftSquare (scale 0: bitDepth and 2*(bitDepth-8); scales 1-3: 16 and 16), kept as uint32. The five
//     results are five stacked uint32 planes of `stats` (plane p starts at row p*height).
//  2. ovni_vmaf_vif_statistics: for every pixel, the horizontal filter of those planes with columns mirrored
//     reflect-101 (means: uint32 sums; squares: 64-bit sums rounded >> 16), then sigma1/sigma2/sigma12 and the
//     pixel's contribution: log-domain pixels (sigma1 >= 2^17) add log2 terms (Q11 table passed as `log2Table`,
//     32768 ushorts for 32768..65535; the gain g in double exactly as the CPU computes it, capped by the double
//     at `gainLimit` after sv is formed); the others add sigma2 and a count. Four stacked int32 planes of
//     `terms`: numLog, denLog, numNonLog, cntNonLog.
//  3. ovni_vmaf_vif_row_sums: one thread per row sums the four term planes of that row into int64
//     (sums[4*row + p]); the host adds the rows and finishes with the CPU extractor's float arithmetic.
//  4. ovni_vmaf_vif_downsample: scale s-1 -> s: filter with scale s's taps (vertical: uint32 sum rounded >> shift,
//     shift = bitDepth from scale 0, else 16; horizontal: uint32 sum), keep even rows and columns, round >> 16.
// Launch: 1, 2 and 4 use one thread per output pixel (grid spans width x height, or width/2 x height/2 for the
// downsample), so a real GPU is fully occupied; 3 uses one thread per row (grid spans height x 1).
// Integer arithmetic wraps exactly like the C# twin's uint/int; doubles are IEEE-exact with -ffp-contract=off.
#include "ovni_cuda.h"

// sigma_nsq = 2.0 in the Q16 variance domain.
#define VIF_NOISE_SQ 131072LL

OVNI_FN int vif_reflect101(int i, int n)
{
    return i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i);
}

OVNI_FN unsigned int* vif_stat_row(unsigned char* stats, int pitch, int height, int plane, int y)
{
    return (unsigned int*)(stats + ((long long)plane * height + y) * pitch);
}

OVNI_FN int* vif_term_row(unsigned char* terms, int pitch, int height, int plane, int y)
{
    return (int*)(terms + ((long long)plane * height + y) * pitch);
}

// Q11 log2 of x >= 2^16: the bit length gives the exponent, the table the top 16 bits' mantissa.
OVNI_FN long long vif_log2_q11(const unsigned short* table, unsigned long long x)
{
    int k = 64 - __builtin_clzll(x) - 16;
    return (long long)table[(int)(x >> k) - 32768] + 2048LL * k;
}

OVNI_KERNEL(ovni_vmaf_vif_vertical)(unsigned char* ref, int pitchRef, unsigned char* dist, int pitchDist, int width,
                                    int height, unsigned char* filter, int taps, int shiftMean, int shiftSquare,
                                    unsigned char* stats, int pitchStats)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    const unsigned int* c = (const unsigned int*)filter;
    int half = taps / 2;
    unsigned long long s1 = 0, s2 = 0, sxx = 0, syy = 0, sxy = 0;
    for (int k = 0; k < taps; ++k)
    {
        int row = vif_reflect101(y - half + k, height);
        unsigned long long r = ovni_row16(ref, pitchRef, row)[x], d = ovni_row16(dist, pitchDist, row)[x], ck = c[k];
        s1 += ck * r;
        s2 += ck * d;
        sxx += ck * r * r;
        syy += ck * d * d;
        sxy += ck * r * d;
    }
    unsigned long long roundMean = shiftMean > 0 ? 1ULL << (shiftMean - 1) : 0;
    unsigned long long roundSquare = shiftSquare > 0 ? 1ULL << (shiftSquare - 1) : 0;
    vif_stat_row(stats, pitchStats, height, 0, y)[x] = (unsigned int)((s1 + roundMean) >> shiftMean);
    vif_stat_row(stats, pitchStats, height, 1, y)[x] = (unsigned int)((s2 + roundMean) >> shiftMean);
    vif_stat_row(stats, pitchStats, height, 2, y)[x] = (unsigned int)((sxx + roundSquare) >> shiftSquare);
    vif_stat_row(stats, pitchStats, height, 3, y)[x] = (unsigned int)((syy + roundSquare) >> shiftSquare);
    vif_stat_row(stats, pitchStats, height, 4, y)[x] = (unsigned int)((sxy + roundSquare) >> shiftSquare);
}
OVNI_REGISTER(ovni_vmaf_vif_vertical)

OVNI_KERNEL(ovni_vmaf_vif_statistics)(unsigned char* stats, int pitchStats, int width, int height,
                                      unsigned char* filter, int taps, unsigned char* log2Table,
                                      unsigned char* gainLimit, unsigned char* terms, int pitchTerms)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    const unsigned int* c = (const unsigned int*)filter;
    const unsigned short* table = (const unsigned short*)log2Table;
    int half = taps / 2;
    const unsigned int* m1Row = vif_stat_row(stats, pitchStats, height, 0, y);
    const unsigned int* m2Row = vif_stat_row(stats, pitchStats, height, 1, y);
    const unsigned int* rrRow = vif_stat_row(stats, pitchStats, height, 2, y);
    const unsigned int* ddRow = vif_stat_row(stats, pitchStats, height, 3, y);
    const unsigned int* rdRow = vif_stat_row(stats, pitchStats, height, 4, y);
    unsigned int m1 = 0, m2 = 0;
    unsigned long long rr = 0, dd = 0, rd = 0;
    for (int k = 0; k < taps; ++k)
    {
        int col = vif_reflect101(x - half + k, width);
        unsigned int ck = c[k];
        m1 += ck * m1Row[col];
        m2 += ck * m2Row[col];
        rr += (unsigned long long)ck * rrRow[col];
        dd += (unsigned long long)ck * ddRow[col];
        rd += (unsigned long long)ck * rdRow[col];
    }
    unsigned long long mu1 = m1, mu2 = m2;
    long long mu1Sq = (long long)((mu1 * mu1 + 0x80000000ULL) >> 32);
    long long mu2Sq = (long long)((mu2 * mu2 + 0x80000000ULL) >> 32);
    long long mu12 = (long long)((mu1 * mu2 + 0x80000000ULL) >> 32);
    // libvmaf keeps the variances in int32: the difference wraps.
    int sigma1 = (int)(unsigned int)((long long)(unsigned int)((rr + 32768) >> 16) - mu1Sq);
    int sigma2 = (int)(unsigned int)((long long)(unsigned int)((dd + 32768) >> 16) - mu2Sq);
    int sigma12 = (int)(unsigned int)((long long)(unsigned int)((rd + 32768) >> 16) - mu12);
    if (sigma2 < 0) sigma2 = 0;

    long long numLog = 0, denLog = 0;
    int numNonLog = 0, cntNonLog = 0;
    if (sigma1 >= VIF_NOISE_SQ)
    {
        denLog = vif_log2_q11(table, (unsigned long long)(VIF_NOISE_SQ + sigma1)) - 17 * 2048;
        if (sigma12 > 0 && sigma2 > 0)
        {
            double g = sigma12 / (sigma1 + 6.5536e-6);
            // (int) truncates towards zero; anything at or below zero clamps to 0 (avoids an out-of-range cast).
            double residual = sigma2 - g * sigma12;
            int sv = residual <= 0.0 ? 0 : (int)residual;
            double limit = *(const double*)gainLimit;
            if (g > limit) g = limit;
            long long n1 = sv + VIF_NOISE_SQ;
            long long n2 = (long long)(g * g * sigma1) + n1;
            numLog = vif_log2_q11(table, (unsigned long long)n2) - vif_log2_q11(table, (unsigned long long)n1);
        }
    }
    else
    {
        numNonLog = sigma2;
        cntNonLog = 1;
    }
    vif_term_row(terms, pitchTerms, height, 0, y)[x] = (int)numLog;
    vif_term_row(terms, pitchTerms, height, 1, y)[x] = (int)denLog;
    vif_term_row(terms, pitchTerms, height, 2, y)[x] = numNonLog;
    vif_term_row(terms, pitchTerms, height, 3, y)[x] = cntNonLog;
}
OVNI_REGISTER(ovni_vmaf_vif_statistics)

OVNI_KERNEL(ovni_vmaf_vif_row_sums)(unsigned char* terms, int pitchTerms, int width, int height, unsigned char* sums)
{
    int y = ovni_global_x();
    if (y >= height || ovni_global_y() != 0) return;
    long long* out = (long long*)sums + 4LL * y;
    for (int p = 0; p < 4; ++p)
    {
        const int* row = vif_term_row(terms, pitchTerms, height, p, y);
        long long sum = 0;
        for (int x = 0; x < width; ++x) sum += row[x];
        out[p] = sum;
    }
}
OVNI_REGISTER(ovni_vmaf_vif_row_sums)

OVNI_KERNEL(ovni_vmaf_vif_downsample)(unsigned char* src, int pitchSrc, int width, int height, unsigned char* filter,
                                      int taps, int shift, unsigned char* dst, int pitchDst)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width / 2 || y >= height / 2) return;
    const unsigned int* c = (const unsigned int*)filter;
    int half = taps / 2;
    unsigned int round = shift > 0 ? 1u << (shift - 1) : 0;
    unsigned int sum = 0;
    for (int kx = 0; kx < taps; ++kx)
    {
        int col = vif_reflect101(2 * x - half + kx, width);
        unsigned int vertical = 0;
        for (int ky = 0; ky < taps; ++ky)
            vertical += c[ky] * ovni_row16(src, pitchSrc, vif_reflect101(2 * y - half + ky, height))[col];
        sum += c[kx] * ((vertical + round) >> shift);
    }
    ovni_row16(dst, pitchDst, y)[x] = (unsigned short)((sum + 32768u) >> 16);
}
OVNI_REGISTER(ovni_vmaf_vif_downsample)
