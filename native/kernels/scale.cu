// Why: resizing planes on the device (PiP, output resolution changes) without leaving YUV.
// Mirrored by Ovni.Kernels.Scale. One thread per destination sample; `channels` interleaved
// 8-bit samples per pixel (1 for Y/U/V planes, 2 for NV12 chroma, 4 for RGBA).
// Sampling grid: centres aligned, src = (dst + 0.5) * srcSize / dstSize - 0.5, computed exactly as
// ((2 * dst + 1) * srcSize * 256) / (2 * dstSize) - 128 in 1/256 pixel units (integer division).
// Taps outside the source are clamped to the edge (edge replication).
//  - bilinear: 8-bit weights, (top * (256 - fy) + bottom * fy + 32768) >> 16;
//  - bicubic: Catmull-Rom (Keys a = -0.5), 14-bit weights per axis summing to 16384; each horizontal sum
//    is rounded to 1/128 of a code value, h7 = (h + 64) >> 7 (so 16-bit lanes hold it on the CPU), then
//    vertical in 32-bit, rounded (>> 21) and clamped to 0..255.
//  - lanczos3: 6 taps (sx-2 .. sx+3) with 14-bit weights read from a device table of 256 x 6 ints (one row
//    per fraction, built on the host: Ovni.Kernels.PlaneScale.CreateLanczos3Table), horizontal then
//    vertical in 64-bit, rounded (>> 28) and clamped to 0..255;
//  - area (box, for downscaling): the exact coverage-weighted mean of the source pixels under the
//    destination pixel, all integers: in units of 1/dstSize source pixel, destination x covers
//    [x*srcSize, (x+1)*srcSize) and source i covers [i*dstSize, (i+1)*dstSize); weights are the
//    overlaps; result = (sum + total/2) / total with total = srcWidth*srcHeight (64-bit).
#include "ovni_cuda.h"

OVNI_FN int ovni_src_pos(int d, int srcSize, int dstSize)
{
    return (int)(((long long)(2 * d + 1) * srcSize * 256) / (2LL * dstSize)) - 128;
}

OVNI_FN int ovni_tap(const unsigned char* row, int x, int srcWidth, int channels, int ch)
{
    return row[ovni_clamp(x, 0, srcWidth - 1) * channels + ch];
}

OVNI_KERNEL(ovni_scale_plane_bilinear)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight,
                                       unsigned char* dst, int pitchDst, int dstWidth, int dstHeight, int channels)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= dstWidth || y >= dstHeight) return;
    int px = ovni_src_pos(x, srcWidth, dstWidth), py = ovni_src_pos(y, srcHeight, dstHeight);
    int sx = px >> 8, fx = px & 255, sy = py >> 8, fy = py & 255;
    const unsigned char* r0 = ovni_row8(src, pitchSrc, ovni_clamp(sy, 0, srcHeight - 1));
    const unsigned char* r1 = ovni_row8(src, pitchSrc, ovni_clamp(sy + 1, 0, srcHeight - 1));
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        int top = ovni_tap(r0, sx, srcWidth, channels, ch) * (256 - fx) + ovni_tap(r0, sx + 1, srcWidth, channels, ch) * fx;
        int bottom = ovni_tap(r1, sx, srcWidth, channels, ch) * (256 - fx) + ovni_tap(r1, sx + 1, srcWidth, channels, ch) * fx;
        out[ch] = (unsigned char)((top * (256 - fy) + bottom * fy + 32768) >> 16);
    }
}
OVNI_REGISTER(ovni_scale_plane_bilinear)

// Catmull-Rom weights for fraction f/256 in 1/16384 units; w[1] absorbs rounding so they sum exactly.
OVNI_FN void ovni_cubic_weights(int f, int* w)
{
    int t2 = f * f, t3 = t2 * f;
    w[0] = (-t3 + 512 * t2 - 65536 * f + 1024) >> 11;
    w[2] = (-3 * t3 + 1024 * t2 + 65536 * f + 1024) >> 11;
    w[3] = (t3 - 256 * t2 + 1024) >> 11;
    w[1] = 16384 - w[0] - w[2] - w[3];
}

OVNI_KERNEL(ovni_scale_plane_bicubic)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight,
                                      unsigned char* dst, int pitchDst, int dstWidth, int dstHeight, int channels)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= dstWidth || y >= dstHeight) return;
    int px = ovni_src_pos(x, srcWidth, dstWidth), py = ovni_src_pos(y, srcHeight, dstHeight);
    int sx = px >> 8, sy = py >> 8;
    int wx[4], wy[4];
    ovni_cubic_weights(px & 255, wx);
    ovni_cubic_weights(py & 255, wy);
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        int acc = 0;
        for (int j = 0; j < 4; ++j)
        {
            const unsigned char* row = ovni_row8(src, pitchSrc, ovni_clamp(sy - 1 + j, 0, srcHeight - 1));
            int h = 0;
            for (int i = 0; i < 4; ++i) h += wx[i] * ovni_tap(row, sx - 1 + i, srcWidth, channels, ch);
            acc += wy[j] * ((h + 64) >> 7);
        }
        out[ch] = (unsigned char)ovni_clamp((acc + (1 << 20)) >> 21, 0, 255);
    }
}
OVNI_REGISTER(ovni_scale_plane_bicubic)

// Overlap of source cell i (units of dstSize) with the destination span [lo, hi) (units of srcSize).
OVNI_FN long long ovni_overlap(long long i, int dstSize, long long lo, long long hi)
{
    long long a = i * dstSize > lo ? i * dstSize : lo;
    long long b = (i + 1) * dstSize < hi ? (i + 1) * dstSize : hi;
    return b - a;
}

OVNI_KERNEL(ovni_scale_plane_area)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight,
                                   unsigned char* dst, int pitchDst, int dstWidth, int dstHeight, int channels)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= dstWidth || y >= dstHeight) return;
    long long xLo = (long long)x * srcWidth, xHi = xLo + srcWidth;
    long long yLo = (long long)y * srcHeight, yHi = yLo + srcHeight;
    int i0 = (int)(xLo / dstWidth), i1 = (int)((xHi + dstWidth - 1) / dstWidth);
    int j0 = (int)(yLo / dstHeight), j1 = (int)((yHi + dstHeight - 1) / dstHeight);
    long long total = (long long)srcWidth * srcHeight;
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        long long acc = 0;
        for (int j = j0; j < j1; ++j)
        {
            const unsigned char* row = ovni_row8(src, pitchSrc, j);
            long long h = 0;
            for (int i = i0; i < i1; ++i) h += ovni_overlap(i, dstWidth, xLo, xHi) * row[i * channels + ch];
            acc += ovni_overlap(j, dstHeight, yLo, yHi) * h;
        }
        out[ch] = (unsigned char)((acc + total / 2) / total);
    }
}
OVNI_REGISTER(ovni_scale_plane_area)

OVNI_KERNEL(ovni_scale_plane_lanczos3)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight,
                                       unsigned char* dst, int pitchDst, int dstWidth, int dstHeight, int channels,
                                       int* table)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= dstWidth || y >= dstHeight) return;
    int px = ovni_src_pos(x, srcWidth, dstWidth), py = ovni_src_pos(y, srcHeight, dstHeight);
    int sx = px >> 8, sy = py >> 8;
    const int* wx = table + 6 * (px & 255);
    const int* wy = table + 6 * (py & 255);
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        long long acc = 0;
        for (int j = 0; j < 6; ++j)
        {
            const unsigned char* row = ovni_row8(src, pitchSrc, ovni_clamp(sy - 2 + j, 0, srcHeight - 1));
            int h = 0;
            for (int i = 0; i < 6; ++i) h += wx[i] * ovni_tap(row, sx - 2 + i, srcWidth, channels, ch);
            acc += (long long)wy[j] * h;
        }
        out[ch] = (unsigned char)ovni_clamp((int)((acc + (1LL << 27)) >> 28), 0, 255);
    }
}
OVNI_REGISTER(ovni_scale_plane_lanczos3)
