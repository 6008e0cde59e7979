// Why: picture-in-picture, logos and captions are RGBA images blended onto decoded YUV frames.
// Blending straight into the Y and subsampled chroma planes (as FFmpeg's overlay_cuda does) avoids
// a YUV -> RGB -> YUV round trip of the whole frame. Mirrored by Ovni.Kernels.Overlay.
// Semantics:
//  - the overlay (srcWidth x srcHeight RGBA, R in the lowest byte) is placed with its top-left at
//    (posX, posY) in luma pixels, any integers incl. negative; it is clipped at all four edges;
//  - per pixel alpha a = (A + (A >> 7)) * opacity >> 8, in 0..256 (opacity 0..256 = 0..1);
//    premultiplied sources are un-premultiplied first: C = min(255, (C * 255 + A / 2) / A);
//  - luma: Y = (Yo * a + Yd * (256 - a) + 128) >> 8 with Yo the overlay pixel's luma (ovni_color.h);
//  - chroma (one thread per 2x2 block): ac = (a00 + a01 + a10 + a11 + 2) >> 2 where pixels outside
//    the overlay count as 0; the overlay chroma is the alpha-weighted mean of the per-pixel chroma
//    (rounded integer division); C = (Co * ac + Cd * (256 - ac) + 128) >> 8;
//  - launch: one thread per destination chroma sample of the clipped rectangle; a grid of at least
//    (srcWidth / 2 + 1) x (srcHeight / 2 + 1) threads covers every case; extra threads return.
#include "ovni_color.h"

OVNI_FN void ovni_overlay_block(unsigned char* dstY, int pitchY, unsigned char* dstU, int pitchU,
                                unsigned char* dstV, int pitchV, int chromaStep, int dstWidth, int dstHeight,
                                unsigned char* src, int pitchSrc, int srcWidth, int srcHeight, int posX, int posY,
                                int opacity, int premultiplied, int matrix, int fullRange)
{
    int x0 = posX > 0 ? posX : 0;
    int y0 = posY > 0 ? posY : 0;
    int x1 = posX + srcWidth < dstWidth ? posX + srcWidth : dstWidth;
    int y1 = posY + srcHeight < dstHeight ? posY + srcHeight : dstHeight;
    if (x0 >= x1 || y0 >= y1) return;
    int cx = (x0 >> 1) + ovni_global_x();
    int cy = (y0 >> 1) + ovni_global_y();
    if (2 * cx >= x1 || 2 * cy >= y1) return;
    opacity = ovni_clamp(opacity, 0, 256);
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    int alphaSum = 0, uSum = 0, vSum = 0;
    for (int j = 0; j < 2; ++j)
    {
        int y = 2 * cy + j;
        if (y < y0 || y >= y1) continue;
        unsigned int* srcRow = (unsigned int*)ovni_row8(src, pitchSrc, y - posY);
        unsigned char* lumaRow = ovni_row8(dstY, pitchY, y);
        for (int i = 0; i < 2; ++i)
        {
            int x = 2 * cx + i;
            if (x < x0 || x >= x1) continue;
            unsigned int p = srcRow[x - posX];
            int a8 = (int)(p >> 24);
            int r = (int)(p & 255), g = (int)((p >> 8) & 255), b = (int)((p >> 16) & 255);
            if (premultiplied && a8 < 255)
            {
                if (a8 == 0)
                {
                    r = g = b = 0;
                }
                else
                {
                    r = ovni_clamp((r * 255 + (a8 >> 1)) / a8, 0, 255);
                    g = ovni_clamp((g * 255 + (a8 >> 1)) / a8, 0, 255);
                    b = ovni_clamp((b * 255 + (a8 >> 1)) / a8, 0, 255);
                }
            }
            int a = ((a8 + (a8 >> 7)) * opacity) >> 8;
            int d = lumaRow[x];
            lumaRow[x] = (unsigned char)((ovni_luma(r, g, b, c, 0) * a + d * (256 - a) + 128) >> 8);
            alphaSum += a;
            uSum += a * ovni_chroma(r, g, b, c.ur, c.ug, c.ub, 0, 0);
            vSum += a * ovni_chroma(r, g, b, c.vr, c.vg, c.vb, 0, 0);
        }
    }
    if (alphaSum == 0) return;
    int uo = (uSum + (alphaSum >> 1)) / alphaSum;
    int vo = (vSum + (alphaSum >> 1)) / alphaSum;
    int ac = (alphaSum + 2) >> 2;
    unsigned char* u = ovni_row8(dstU, pitchU, cy) + cx * chromaStep;
    unsigned char* v = ovni_row8(dstV, pitchV, cy) + cx * chromaStep;
    *u = (unsigned char)((uo * ac + *u * (256 - ac) + 128) >> 8);
    *v = (unsigned char)((vo * ac + *v * (256 - ac) + 128) >> 8);
}

OVNI_KERNEL(ovni_overlay_rgba_yuv420p)(unsigned char* dstY, int pitchY, unsigned char* dstU, int pitchU,
                                       unsigned char* dstV, int pitchV, int dstWidth, int dstHeight,
                                       unsigned char* src, int pitchSrc, int srcWidth, int srcHeight,
                                       int posX, int posY, int opacity, int premultiplied, int matrix, int fullRange)
{
    ovni_overlay_block(dstY, pitchY, dstU, pitchU, dstV, pitchV, 1, dstWidth, dstHeight, src, pitchSrc,
                       srcWidth, srcHeight, posX, posY, opacity, premultiplied, matrix, fullRange);
}
OVNI_REGISTER(ovni_overlay_rgba_yuv420p)

OVNI_KERNEL(ovni_overlay_rgba_nv12)(unsigned char* dstY, int pitchY, unsigned char* dstUV, int pitchUV,
                                    int dstWidth, int dstHeight, unsigned char* src, int pitchSrc,
                                    int srcWidth, int srcHeight, int posX, int posY, int opacity,
                                    int premultiplied, int matrix, int fullRange)
{
    ovni_overlay_block(dstY, pitchY, dstUV, pitchUV, dstUV + 1, pitchUV, 2, dstWidth, dstHeight, src, pitchSrc,
                       srcWidth, srcHeight, posX, posY, opacity, premultiplied, matrix, fullRange);
}
OVNI_REGISTER(ovni_overlay_rgba_nv12)

// Sub-pixel placement: shifts an RGBA image right/down by (fracX, fracY)/256 pixel with bilinear weights
// into a (srcWidth+1) x (srcHeight+1) premultiplied RGBA image (outside the source counts as transparent).
// Overlay the result at the integer part of the position with premultiplied = 1. With
// w = fx*fy, (256-fx)*fy, fx*(256-fy), (256-fx)*(256-fy) for source pixels (x-1,y-1), (x,y-1), (x-1,y), (x,y):
//   A = (sum w*A + 32768) >> 16;  C = (sum w*P + 255*32768) / (255*65536), P = C*A (straight input) or C*255
// (premultiplied input), in 64-bit. Launch: one thread per output pixel, grid spans (srcWidth+1) x (srcHeight+1).
OVNI_FN unsigned int ovni_texel(unsigned char* src, int pitch, int width, int height, int x, int y)
{
    if (x < 0 || y < 0 || x >= width || y >= height) return 0u;
    return ((unsigned int*)ovni_row8(src, pitch, y))[x];
}

OVNI_KERNEL(ovni_shift_rgba_subpixel)(unsigned char* src, int pitchSrc, int srcWidth, int srcHeight, unsigned char* dst,
                                      int pitchDst, int fracX, int fracY, int premultiplied)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x > srcWidth || y > srcHeight) return;
    int fx = ovni_clamp(fracX, 0, 256), fy = ovni_clamp(fracY, 0, 256);
    unsigned int p[4] = {ovni_texel(src, pitchSrc, srcWidth, srcHeight, x - 1, y - 1),
                         ovni_texel(src, pitchSrc, srcWidth, srcHeight, x, y - 1),
                         ovni_texel(src, pitchSrc, srcWidth, srcHeight, x - 1, y),
                         ovni_texel(src, pitchSrc, srcWidth, srcHeight, x, y)};
    int w[4] = {fx * fy, (256 - fx) * fy, fx * (256 - fy), (256 - fx) * (256 - fy)};
    long long alpha = 0, colour[3] = {0, 0, 0};
    for (int i = 0; i < 4; ++i)
    {
        int a = (int)(p[i] >> 24);
        alpha += (long long)w[i] * a;
        for (int c = 0; c < 3; ++c)
        {
            int value = (int)((p[i] >> (8 * c)) & 255);
            colour[c] += (long long)w[i] * value * (premultiplied ? 255 : a);
        }
    }
    unsigned int out = (unsigned int)((alpha + 32768) >> 16) << 24;
    for (int c = 0; c < 3; ++c) out |= (unsigned int)((colour[c] + 255LL * 32768) / (255LL * 65536)) << (8 * c);
    ((unsigned int*)ovni_row8(dst, pitchDst, y))[x] = out;
}
OVNI_REGISTER(ovni_shift_rgba_subpixel)
