// Why: shaping RGBA overlays before they are blended: rounded corners for picture-in-picture, and a
// chroma key that turns a green/blue screen transparent. Mirrored by Ovni.Kernels.RgbaMask.
// Both work in place on RGBA (R in the lowest byte), one thread per pixel, grid spans width x height.
#include "ovni_color.h"

// Rounded corners: alpha *= coverage of the pixel by the rounded rectangle, measured with 4x4 subsamples
// at offsets (2i+1)/8 (i = 0..3); a subsample is inside when its distance to the corner circle's centre
// is <= radius (all in 1/8 pixel integers). A = (A * count + 8) >> 4 with count 0..16; premultiplied
// pixels scale R, G, B the same way. Pixels outside the radius x radius corner squares are untouched.
OVNI_KERNEL(ovni_round_corners_rgba)(unsigned char* rgba, int pitch, int width, int height, int radius, int premultiplied)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    int mx = x < width - 1 - x ? x : width - 1 - x;
    int my = y < height - 1 - y ? y : height - 1 - y;
    if (mx >= radius || my >= radius) return;
    long long centre = 8LL * radius, limit = centre * centre;
    int count = 0;
    for (int j = 0; j < 4; ++j)
    {
        long long dy = 8LL * my + 2 * j + 1 - centre;
        for (int i = 0; i < 4; ++i)
        {
            long long dx = 8LL * mx + 2 * i + 1 - centre;
            count += dx * dx + dy * dy <= limit ? 1 : 0;
        }
    }
    unsigned char* p = ovni_row8(rgba, pitch, y) + 4 * x;
    int channelsScaled = premultiplied ? 4 : 1;
    for (int c = 4 - channelsScaled; c < 4; ++c) p[c] = (unsigned char)((p[c] * count + 8) >> 4);
}
OVNI_REGISTER(ovni_round_corners_rgba)

// Chroma key: the pixel's chroma (U, V at 8 bits, matrix/range as in ovni_color.h) is compared with the
// key's (keyU, keyV); with d2 = (U - keyU)^2 + (V - keyV)^2, inner = threshold^2, outer = (threshold + softness)^2:
// d2 <= inner -> alpha 0; d2 >= outer -> unchanged; between, alpha scales by f = (d2 - inner) * 256 / (outer - inner)
// (integer division, a ramp linear in squared distance): A = (A * f + 128) >> 8. Straight alpha only.
OVNI_KERNEL(ovni_chroma_key_rgba)(unsigned char* rgba, int pitch, int width, int height, int keyU, int keyV,
                                  int threshold, int softness, int matrix, int fullRange)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    OvniRgbToYuv c = ovni_rgb_to_yuv_coeffs(matrix, fullRange);
    unsigned char* p = ovni_row8(rgba, pitch, y) + 4 * x;
    int u = ovni_chroma(p[0], p[1], p[2], c.ur, c.ug, c.ub, 0, 0) - keyU;
    int v = ovni_chroma(p[0], p[1], p[2], c.vr, c.vg, c.vb, 0, 0) - keyV;
    int d2 = u * u + v * v;
    int inner = threshold * threshold, outer = (threshold + softness) * (threshold + softness);
    if (d2 >= outer) return;
    int f = d2 <= inner ? 0 : (d2 - inner) * 256 / (outer - inner);
    p[3] = (unsigned char)((p[3] * f + 128) >> 8);
}
OVNI_REGISTER(ovni_chroma_key_rgba)

// Chroma key of a YUV picture into the alpha of its RGBA conversion, with the function of FFmpeg's chromakey filter:
// for luma pixel (x, y) the 3x3 luma neighbourhood (coordinates clamped to the frame) reads the chroma sample under
// each neighbour, diff = (sum of sqrt((du² + dv²) / (255² · 2))) / 9 in double, and
// A = trunc(clamp((diff − similarity) / blend, 0, 1) · 255) (blend ≤ 0.0001: A = diff > similarity ? 255 : 0).
// similarity and blend are float32 values passed as their bits. Launch: one thread per pixel.
OVNI_KERNEL(ovni_chroma_key_yuv_alpha)(unsigned char* u, int pitchU, unsigned char* v, int pitchV, int width, int height,
                                       int subX, int subY, unsigned char* rgba, int pitchRgba, int keyU, int keyV,
                                       int similarityBits, int blendBits)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    union { int i; float f; } similarity, blend;
    similarity.i = similarityBits;
    blend.i = blendBits;
    double diff = 0.0;
    for (int yo = 0; yo < 3; ++yo)
    {
        int sy = ovni_clamp(y + yo - 1, 0, height - 1) >> subY;
        for (int xo = 0; xo < 3; ++xo)
        {
            int sx = ovni_clamp(x + xo - 1, 0, width - 1) >> subX;
            int du = ovni_row8(u, pitchU, sy)[sx] - keyU, dv = ovni_row8(v, pitchV, sy)[sx] - keyV;
            diff += __builtin_sqrt((double)(du * du + dv * dv) / (255.0 * 255.0 * 2));
        }
    }
    diff /= 9.0;
    int alpha;
    if ((double)blend.f > 0.0001)
    {
        double a = (diff - (double)similarity.f) / (double)blend.f;
        alpha = (int)((a < 0.0 ? 0.0 : a > 1.0 ? 1.0 : a) * 255.0);
    }
    else
    {
        alpha = diff > (double)similarity.f ? 255 : 0;
    }
    ovni_row8(rgba, pitchRgba, y)[4 * x + 3] = (unsigned char)alpha;
}
OVNI_REGISTER(ovni_chroma_key_yuv_alpha)
