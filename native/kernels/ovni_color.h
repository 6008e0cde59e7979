// Why: RGB <-> YUV in 16-bit fixed point, shared by the colour-conversion and overlay kernels.
// Integer math only, so the GPU, the host twin and the C# SIMD twin agree bit for bit. The forward matrix
// rounds in 16 fraction bits; the inverse sums in 5 (so the CPU twin fits 16-bit lanes, see ovni_yuv_to_rgba).
// Matrix: 0 = BT.601, 1 = BT.709, 2 = BT.2020 (non-constant luminance). Range: 0 = limited, 1 = full.
// The constants are round(coefficient * 65536); rows of the forward matrix are adjusted so that
// white maps exactly to peak luma and greys map exactly to chroma 128. C# mirror: ColorMatrixTable.cs.
#pragma once
#include "ovni_cuda.h"

#define OVNI_COLOR_SHIFT 16

struct OvniRgbToYuv
{
    int yr, yg, yb, ur, ug, ub, vr, vg, vb, yOffset;
};

struct OvniYuvToRgb
{
    int cy, crv, cgu, cgv, cbu, yOffset;
};

OVNI_FN OvniRgbToYuv ovni_rgb_to_yuv_coeffs(int matrix, int fullRange)
{
    OvniRgbToYuv c;
    if (fullRange)
    {
        if (matrix == 1) c = OvniRgbToYuv{13933, 46871, 4732, -7509, -25259, 32768, 32768, -29763, -3005, 0};
        else if (matrix == 2) c = OvniRgbToYuv{17216, 44434, 3886, -9151, -23617, 32768, 32768, -30133, -2635, 0};
        else c = OvniRgbToYuv{19595, 38470, 7471, -11058, -21710, 32768, 32768, -27439, -5329, 0};
    }
    else
    {
        if (matrix == 1) c = OvniRgbToYuv{11966, 40254, 4064, -6596, -22188, 28784, 28784, -26145, -2639, 16};
        else if (matrix == 2) c = OvniRgbToYuv{14786, 38160, 3338, -8038, -20746, 28784, 28784, -26469, -2315, 16};
        else c = OvniRgbToYuv{16829, 33039, 6416, -9714, -19070, 28784, 28784, -24103, -4681, 16};
    }
    return c;
}

OVNI_FN OvniYuvToRgb ovni_yuv_to_rgb_coeffs(int matrix, int fullRange)
{
    OvniYuvToRgb c;
    if (fullRange)
    {
        if (matrix == 1) c = OvniYuvToRgb{65536, 103206, 12276, 30679, 121609, 0};
        else if (matrix == 2) c = OvniYuvToRgb{65536, 96639, 10784, 37444, 123299, 0};
        else c = OvniYuvToRgb{65536, 91881, 22553, 46802, 116130, 0};
    }
    else
    {
        if (matrix == 1) c = OvniYuvToRgb{76309, 117489, 13975, 34925, 138438, 16};
        else if (matrix == 2) c = OvniYuvToRgb{76309, 110014, 12277, 42626, 140363, 16};
        else c = OvniYuvToRgb{76309, 104597, 25675, 53279, 132201, 16};
    }
    return c;
}

// YUV samples of `extraBits` more than 8 (0 for 8-bit, 2 for 10-bit) to one packed RGBA pixel
// (R in the lowest byte, alpha 255). The sum is formed in 1/32 code values (5 fraction bits) from terms that
// are each one 16-bit multiply-high, so that the CPU twin computes them in 16-bit SIMD lanes:
//   sample at 16-bit scale   s16 = s << (8 - extraBits)            (same scale for 8 and 10 bits)
//   weights                  w = (coefficient + 4) >> 3             (coefficient / 2^16 * 2^13, rounded)
//   term                     t(s, w) = (s16 * w) >> 16              (floored)
//   constant per channel     C = (2^15 - yOffset*cy - 128*(chroma coefficients, signed as below)) >> 11
//   R = t(y, cy) + C_R + t(v, crv)
//   G = t(y, cy) + C_G - t(u, cgu) - t(v, cgv)
//   B = t(y, cy) + C_B + t(u, cbu)
//   channel = clamp(sum >> 5, 0, 255)
// C carries the luma offset, the chroma centring and the rounding half. Every output is within one code value of
// the real-number formula (about 1.5% of them one off the exactly rounded value). Every partial sum fits 16 bits.
OVNI_FN int ovni_yuv_term(int sample, int coefficient, int extraBits)
{
    return ((sample << (8 - extraBits)) * ((coefficient + 4) >> 3)) >> 16;
}

OVNI_FN unsigned int ovni_yuv_to_rgba(int y, int u, int v, OvniYuvToRgb c, int extraBits)
{
    int base = (1 << 15) - c.yOffset * c.cy;
    int a = ovni_yuv_term(y, c.cy, extraBits);
    int r = a + ((base - 128 * c.crv) >> 11) + ovni_yuv_term(v, c.crv, extraBits);
    int g = a + ((base + 128 * (c.cgu + c.cgv)) >> 11) - ovni_yuv_term(u, c.cgu, extraBits) - ovni_yuv_term(v, c.cgv, extraBits);
    int b = a + ((base - 128 * c.cbu) >> 11) + ovni_yuv_term(u, c.cbu, extraBits);
    return (unsigned int)ovni_clamp(r >> 5, 0, 255) | ((unsigned int)ovni_clamp(g >> 5, 0, 255) << 8) |
           ((unsigned int)ovni_clamp(b >> 5, 0, 255) << 16) | 0xFF000000u;
}

// Luma of one pixel: 8-bit when extraBits = 0, 10-bit when 2.
OVNI_FN int ovni_luma(int r, int g, int b, OvniRgbToYuv c, int extraBits)
{
    int acc = (c.yr * r + c.yg * g + c.yb * b) << extraBits;
    int peak = (256 << extraBits) - 1;
    return ovni_clamp((acc + (c.yOffset << (OVNI_COLOR_SHIFT + extraBits)) + (1 << (OVNI_COLOR_SHIFT - 1))) >> OVNI_COLOR_SHIFT, 0, peak);
}

// Chroma from R, G, B sums over `1 << sumBits` pixels (sumBits 0: one pixel, 2: a 2x2 block),
// i.e. of their average colour; output depth 8 + extraBits.
OVNI_FN int ovni_chroma(int sr, int sg, int sb, int cr, int cg, int cb, int sumBits, int extraBits)
{
    int acc = cr * sr + cg * sg + cb * sb;
    int shift = OVNI_COLOR_SHIFT + sumBits - extraBits;
    int peak = (256 << extraBits) - 1;
    return ovni_clamp((acc + ((128 << extraBits) << shift) + (1 << (shift - 1))) >> shift, 0, peak);
}
