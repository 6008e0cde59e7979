// Why: animated zoom, rotation and drift ("Ken Burns", a tilted inset) are one affine resample per plane.
// The caller inverts the transform and hands each plane its own destination -> source map, so the kernel serves
// luma, subsampled chroma and RGBA alike. Mirrored by Ovni.Kernels.PlaneTransform.
// Semantics: for destination sample (x, y) the source position in sample-index space (integers = sample centres)
// is sx = m00*x + m01*y + m02, sy = m10*x + m11*y + m12, computed in 64-bit Q16 fixed point and rounded to 1/4096:
// r = sx + 8, x0 = r >> 16 (floor), fx = (r >> 4) & 4095, the same for y. Each of `channels` interleaved channels is
// bilinear over the four neighbours with 12-bit weights: top = p00*(4096-fx) + p01*fx, bottom likewise,
// value = (top*(4096-fy) + bottom*fy + 2^23) >> 24 in 64 bits. Neighbours outside the source take the fill
// value of their channel (fill0..fill3), so edges fade into the fill instead of stretching.
// Launch: one thread per destination pixel, grid spans dstWidth x dstHeight.
#include "ovni_cuda.h"

OVNI_FN int ovni_transform_tap(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight, int channels,
                               long long x, long long y, int channel, int fill)
{
    if (x < 0 || y < 0 || x >= srcWidth || y >= srcHeight) return fill;
    return ovni_row8(src, pitchSrc, (int)y)[(int)x * channels + channel];
}

OVNI_KERNEL(ovni_transform_plane)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight, unsigned char* dst,
                                  int pitchDst, int dstWidth, int dstHeight, int channels, int m00, int m01, int m02,
                                  int m10, int m11, int m12, int fill0, int fill1, int fill2, int fill3)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= dstWidth || y >= dstHeight) return;
    long long sx = (long long)m00 * x + (long long)m01 * y + m02 + 8;
    long long sy = (long long)m10 * x + (long long)m11 * y + m12 + 8;
    long long x0 = sx >> 16, y0 = sy >> 16;
    int fx = (int)((sx >> 4) & 4095), fy = (int)((sy >> 4) & 4095);
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int c = 0; c < channels; ++c)
    {
        int fill = c == 0 ? fill0 : c == 1 ? fill1 : c == 2 ? fill2 : fill3;
        int p00 = ovni_transform_tap(src, pitchSrc, srcWidth, srcHeight, channels, x0, y0, c, fill);
        int p01 = ovni_transform_tap(src, pitchSrc, srcWidth, srcHeight, channels, x0 + 1, y0, c, fill);
        int p10 = ovni_transform_tap(src, pitchSrc, srcWidth, srcHeight, channels, x0, y0 + 1, c, fill);
        int p11 = ovni_transform_tap(src, pitchSrc, srcWidth, srcHeight, channels, x0 + 1, y0 + 1, c, fill);
        long long top = p00 * (4096 - fx) + p01 * fx;
        long long bottom = p10 * (4096 - fx) + p11 * fx;
        out[c] = (unsigned char)((top * (4096 - fy) + bottom * fy + (1 << 23)) >> 24);
    }
}
OVNI_REGISTER(ovni_transform_plane)
