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
