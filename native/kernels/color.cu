// Why: colour conversion between the decoder/encoder layouts (NV12, YUV420P, P010, YUV444P) and
// packed 8-bit RGBA, so overlays and CPU-side code can work in RGBA while frames stay YUV.
// Semantics (mirrored by Ovni.Kernels.ColorConversion, proven equal by the parity tests):
//  - fixed-point math from ovni_color.h (YUV -> RGB sums in 1/32 code values, see ovni_yuv_to_rgba);
//    matrix 0/1/2 = BT.601/709/2020, fullRange 0/1;
//  - YUV -> RGBA: chroma upsampled by nearest neighbour (pixel (x, y) uses chroma (x/2, y/2)),
//    alpha written as 255; one thread per pixel, grid covers width x height;
//  - RGBA -> 4:2:0: one thread per chroma sample; its chroma is that of the average colour of
//    the 2x2 luma block (centre siting); on odd sizes the last column/row is replicated; grid
//    covers ceil(width/2) x ceil(height/2). RGBA -> 4:4:4: one thread per pixel, alpha ignored;
//  - P010: 10-bit samples in the high bits of little-endian 16-bit words (value << 6).
// RGBA rows are read/written as 32-bit words: pitches and base pointers must be 4-byte aligned.
#include "ovni_color.h"

OVNI_FN unsigned int ovni_load_rgba(unsigned char* plane, int pitch, int x, int y)
{
    return ((unsigned int*)ovni_row8(plane, pitch, y))[x];
}

OVNI_FN void ovni_store_rgba(unsigned char* plane, int pitch, int x, int y, unsigned int value)
{
    ((unsigned int*)ovni_row8(plane, pitch, y))[x] = value;
}

OVNI_KERNEL(ovni_yuv420p_to_rgba)(unsigned char* srcY, int pitchY, unsigned char* srcU, int pitchU,
                                  unsigned char* srcV, int pitchV, unsigned char* dst, int pitchDst,
                                  int width, int height, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniYuvToRgb c = ovni_yuv_to_rgb_coeffs(matrix, fullRange);
    int luma = ovni_row8(srcY, pitchY, y)[x];
    int u = ovni_row8(srcU, pitchU, y >> 1)[x >> 1];
    int v = ovni_row8(srcV, pitchV, y >> 1)[x >> 1];
    ovni_store_rgba(dst, pitchDst, x, y, ovni_yuv_to_rgba(luma, u, v, c, 0));
}
OVNI_REGISTER(ovni_yuv420p_to_rgba)

OVNI_KERNEL(ovni_nv12_to_rgba)(unsigned char* srcY, int pitchY, unsigned char* srcUV, int pitchUV,
                               unsigned char* dst, int pitchDst, int width, int height, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniYuvToRgb c = ovni_yuv_to_rgb_coeffs(matrix, fullRange);
    int luma = ovni_row8(srcY, pitchY, y)[x];
    unsigned char* uv = ovni_row8(srcUV, pitchUV, y >> 1) + 2 * (x >> 1);
    ovni_store_rgba(dst, pitchDst, x, y, ovni_yuv_to_rgba(luma, uv[0], uv[1], c, 0));
}
OVNI_REGISTER(ovni_nv12_to_rgba)

OVNI_KERNEL(ovni_p010_to_rgba)(unsigned char* srcY, int pitchY, unsigned char* srcUV, int pitchUV,
                               unsigned char* dst, int pitchDst, int width, int height, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniYuvToRgb c = ovni_yuv_to_rgb_coeffs(matrix, fullRange);
    int luma = ovni_row16(srcY, pitchY, y)[x] >> 6;
    unsigned short* uv = ovni_row16(srcUV, pitchUV, y >> 1) + 2 * (x >> 1);
    ovni_store_rgba(dst, pitchDst, x, y, ovni_yuv_to_rgba(luma, uv[0] >> 6, uv[1] >> 6, c, 2));
}
OVNI_REGISTER(ovni_p010_to_rgba)

OVNI_KERNEL(ovni_yuv444p_to_rgba)(unsigned char* srcY, int pitchY, unsigned char* srcU, int pitchU,
                                  unsigned char* srcV, int pitchV, unsigned char* dst, int pitchDst,
                                  int width, int height, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniYuvToRgb c = ovni_yuv_to_rgb_coeffs(matrix, fullRange);
    int luma = ovni_row8(srcY, pitchY, y)[x];
    int u = ovni_row8(srcU, pitchU, y)[x];
    int v = ovni_row8(srcV, pitchV, y)[x];
    ovni_store_rgba(dst, pitchDst, x, y, ovni_yuv_to_rgba(luma, u, v, c, 0));
}
OVNI_REGISTER(ovni_yuv444p_to_rgba)

// The 2x2 RGBA block under chroma sample (cx, cy) and its R, G, B sums (edge pixels replicated).
struct OvniBlock
{
    int x0, x1, y0, y1;
    unsigned int p00, p01, p10, p11;
    int sr, sg, sb;
};

OVNI_FN OvniBlock ovni_read_block(unsigned char* src, int pitch, int cx, int cy, int width, int height)
{
    OvniBlock b;
    b.x0 = 2 * cx;
    b.y0 = 2 * cy;
    b.x1 = b.x0 + 1 < width ? b.x0 + 1 : b.x0;
    b.y1 = b.y0 + 1 < height ? b.y0 + 1 : b.y0;
    b.p00 = ovni_load_rgba(src, pitch, b.x0, b.y0);
    b.p01 = ovni_load_rgba(src, pitch, b.x1, b.y0);
    b.p10 = ovni_load_rgba(src, pitch, b.x0, b.y1);
    b.p11 = ovni_load_rgba(src, pitch, b.x1, b.y1);
    b.sr = (int)(b.p00 & 255) + (int)(b.p01 & 255) + (int)(b.p10 & 255) + (int)(b.p11 & 255);
    b.sg = (int)((b.p00 >> 8) & 255) + (int)((b.p01 >> 8) & 255) + (int)((b.p10 >> 8) & 255) + (int)((b.p11 >> 8) & 255);
    b.sb = (int)((b.p00 >> 16) & 255) + (int)((b.p01 >> 16) & 255) + (int)((b.p10 >> 16) & 255) + (int)((b.p11 >> 16) & 255);
    return b;
}

OVNI_FN int ovni_luma_of(unsigned int p, OvniRgbToYuv c, int extraBits)
{
    return ovni_luma((int)(p & 255), (int)((p >> 8) & 255), (int)((p >> 16) & 255), c, extraBits);
}

OVNI_KERNEL(ovni_rgba_to_yuv420p)(unsigned char* src, int pitchSrc, unsigned char* dstY, int pitchY,
                                  unsigned char* dstU, int pitchU, unsigned char* dstV, int pitchV,
                                  int width, int height, int matrix, int fullRange)
{
    int cx = ovni_global_x(), cy = ovni_global_y();
    if (cx >= (width + 1) >> 1 || cy >= (height + 1) >> 1) return;
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    OvniBlock b = ovni_read_block(src, pitchSrc, cx, cy, width, height);
    unsigned char* row0 = ovni_row8(dstY, pitchY, b.y0);
    unsigned char* row1 = ovni_row8(dstY, pitchY, b.y1);
    row0[b.x0] = (unsigned char)ovni_luma_of(b.p00, c, 0);
    row0[b.x1] = (unsigned char)ovni_luma_of(b.p01, c, 0);
    row1[b.x0] = (unsigned char)ovni_luma_of(b.p10, c, 0);
    row1[b.x1] = (unsigned char)ovni_luma_of(b.p11, c, 0);
    ovni_row8(dstU, pitchU, cy)[cx] = (unsigned char)ovni_chroma(b.sr, b.sg, b.sb, c.ur, c.ug, c.ub, 2, 0);
    ovni_row8(dstV, pitchV, cy)[cx] = (unsigned char)ovni_chroma(b.sr, b.sg, b.sb, c.vr, c.vg, c.vb, 2, 0);
}
OVNI_REGISTER(ovni_rgba_to_yuv420p)

OVNI_KERNEL(ovni_rgba_to_nv12)(unsigned char* src, int pitchSrc, unsigned char* dstY, int pitchY,
                               unsigned char* dstUV, int pitchUV, int width, int height, int matrix, int fullRange)
{
    int cx = ovni_global_x(), cy = ovni_global_y();
    if (cx >= (width + 1) >> 1 || cy >= (height + 1) >> 1) return;
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    OvniBlock b = ovni_read_block(src, pitchSrc, cx, cy, width, height);
    unsigned char* row0 = ovni_row8(dstY, pitchY, b.y0);
    unsigned char* row1 = ovni_row8(dstY, pitchY, b.y1);
    row0[b.x0] = (unsigned char)ovni_luma_of(b.p00, c, 0);
    row0[b.x1] = (unsigned char)ovni_luma_of(b.p01, c, 0);
    row1[b.x0] = (unsigned char)ovni_luma_of(b.p10, c, 0);
    row1[b.x1] = (unsigned char)ovni_luma_of(b.p11, c, 0);
    unsigned char* uv = ovni_row8(dstUV, pitchUV, cy) + 2 * cx;
    uv[0] = (unsigned char)ovni_chroma(b.sr, b.sg, b.sb, c.ur, c.ug, c.ub, 2, 0);
    uv[1] = (unsigned char)ovni_chroma(b.sr, b.sg, b.sb, c.vr, c.vg, c.vb, 2, 0);
}
OVNI_REGISTER(ovni_rgba_to_nv12)

OVNI_KERNEL(ovni_rgba_to_p010)(unsigned char* src, int pitchSrc, unsigned char* dstY, int pitchY,
                               unsigned char* dstUV, int pitchUV, int width, int height, int matrix, int fullRange)
{
    int cx = ovni_global_x(), cy = ovni_global_y();
    if (cx >= (width + 1) >> 1 || cy >= (height + 1) >> 1) return;
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    OvniBlock b = ovni_read_block(src, pitchSrc, cx, cy, width, height);
    unsigned short* row0 = ovni_row16(dstY, pitchY, b.y0);
    unsigned short* row1 = ovni_row16(dstY, pitchY, b.y1);
    row0[b.x0] = (unsigned short)(ovni_luma_of(b.p00, c, 2) << 6);
    row0[b.x1] = (unsigned short)(ovni_luma_of(b.p01, c, 2) << 6);
    row1[b.x0] = (unsigned short)(ovni_luma_of(b.p10, c, 2) << 6);
    row1[b.x1] = (unsigned short)(ovni_luma_of(b.p11, c, 2) << 6);
    unsigned short* uv = ovni_row16(dstUV, pitchUV, cy) + 2 * cx;
    uv[0] = (unsigned short)(ovni_chroma(b.sr, b.sg, b.sb, c.ur, c.ug, c.ub, 2, 2) << 6);
    uv[1] = (unsigned short)(ovni_chroma(b.sr, b.sg, b.sb, c.vr, c.vg, c.vb, 2, 2) << 6);
}
OVNI_REGISTER(ovni_rgba_to_p010)

OVNI_KERNEL(ovni_rgba_to_yuv444p)(unsigned char* src, int pitchSrc, unsigned char* dstY, int pitchY,
                                  unsigned char* dstU, int pitchU, unsigned char* dstV, int pitchV,
                                  int width, int height, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    unsigned int p = ovni_load_rgba(src, pitchSrc, x, y);
    int r = (int)(p & 255), g = (int)((p >> 8) & 255), b = (int)((p >> 16) & 255);
    ovni_row8(dstY, pitchY, y)[x] = (unsigned char)ovni_luma(r, g, b, c, 0);
    ovni_row8(dstU, pitchU, y)[x] = (unsigned char)ovni_chroma(r, g, b, c.ur, c.ug, c.ub, 0, 0);
    ovni_row8(dstV, pitchV, y)[x] = (unsigned char)ovni_chroma(r, g, b, c.vr, c.vg, c.vb, 0, 0);
}
OVNI_REGISTER(ovni_rgba_to_yuv444p)
