// Why: transitions and shapes on YUV frames: cross-fade of two planes, fade to a solid colour,
// and filled rectangles with alpha. All work on one plane at a time so one kernel serves Y, U, V
// and interleaved NV12 chroma (the "even/odd" values give U and V their own colour there).
// Weights and alphas are 0..256 fixed point (256 = 1.0); every result is
// (x * (256 - w) + y * w + 128) >> 8, exact at w = 0 and w = 256. Mirrored by Ovni.Kernels.Blend.
// Launch: one thread per byte (per 16-bit sample for P010) of the area written.
#include "ovni_cuda.h"

OVNI_FN int ovni_mix(int from, int to, int weight)
{
    return (from * (256 - weight) + to * weight + 128) >> 8;
}

// dst = a * (1 - weight) + b * weight over widthBytes x height bytes. dst may alias a or b.
OVNI_KERNEL(ovni_blend_plane)(unsigned char* a, int pitchA, unsigned char* b, int pitchB, unsigned char* dst,
                              int pitchDst, int widthBytes, int height, int weight)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= widthBytes || y >= height) return;
    weight = ovni_clamp(weight, 0, 256);
    ovni_row8(dst, pitchDst, y)[x] =
        (unsigned char)ovni_mix(ovni_row8(a, pitchA, y)[x], ovni_row8(b, pitchB, y)[x], weight);
}
OVNI_REGISTER(ovni_blend_plane)

// The same over P010 planes: blends the 10-bit values (sample >> 6) and stores them back << 6.
OVNI_KERNEL(ovni_blend_plane_p010)(unsigned char* a, int pitchA, unsigned char* b, int pitchB,
                                   unsigned char* dst, int pitchDst, int widthSamples, int height, int weight)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= widthSamples || y >= height) return;
    weight = ovni_clamp(weight, 0, 256);
    int va = ovni_row16(a, pitchA, y)[x] >> 6;
    int vb = ovni_row16(b, pitchB, y)[x] >> 6;
    ovni_row16(dst, pitchDst, y)[x] = (unsigned short)(ovni_mix(va, vb, weight) << 6);
}
OVNI_REGISTER(ovni_blend_plane_p010)

// dst = src * (1 - weight) + colour * weight; colour is valueEven on even byte columns and valueOdd
// on odd ones (equal for planar planes; U and V for NV12 chroma).
OVNI_KERNEL(ovni_fade_plane)(unsigned char* src, int pitchSrc, unsigned char* dst, int pitchDst, int widthBytes,
                             int height, int valueEven, int valueOdd, int weight)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= widthBytes || y >= height) return;
    weight = ovni_clamp(weight, 0, 256);
    int value = (x & 1) ? valueOdd : valueEven;
    ovni_row8(dst, pitchDst, y)[x] = (unsigned char)ovni_mix(ovni_row8(src, pitchSrc, y)[x], value, weight);
}
OVNI_REGISTER(ovni_fade_plane)

// Blends the colour with alpha into the rectangle (rectX, rectY, rectWidth, rectHeight) in bytes of
// this plane, clipped to the plane (negative origins allowed). Chroma planes get the rectangle in
// their own coordinates (halved for 4:2:0; doubled x and width for NV12's interleaved bytes).
// A rectangle outline is four fills. Launch: rectWidth x rectHeight threads.
OVNI_KERNEL(ovni_fill_rect_plane)(unsigned char* plane, int pitch, int planeWidthBytes, int planeHeight, int rectX,
                                  int rectY, int rectWidth, int rectHeight, int valueEven, int valueOdd, int alpha)
{
    int tx = ovni_global_x(), ty = ovni_global_y();
    if (tx >= rectWidth || ty >= rectHeight) return;
    int x = rectX + tx, y = rectY + ty;
    if (x < 0 || y < 0 || x >= planeWidthBytes || y >= planeHeight) return;
    alpha = ovni_clamp(alpha, 0, 256);
    int value = (x & 1) ? valueOdd : valueEven;
    unsigned char* p = ovni_row8(plane, pitch, y) + x;
    *p = (unsigned char)ovni_mix(*p, value, alpha);
}
OVNI_REGISTER(ovni_fill_rect_plane)

// Vignette: pulls samples towards `centre` (16 or 0 for luma: darkening; 128 for chroma: desaturating) with
// distance from the plane's centre. In half-pixel units nx = 2x+1-width, ny = 2y+1-height, r2 = nx^2+ny^2,
// R2 = width^2+height^2 (the corners), q = r2*256/R2 (0..256, integer division), f = 256 - ((strength*q*q + 32768) >> 16)
// (strength 0..256 = the corners' reduction), v = centre + (((v - centre) * f + 128) >> 8) clamped to 0..255.
// Planes of 8-bit samples, `channels` interleaved (2 for NV12 chroma). Launch: one thread per pixel.
OVNI_KERNEL(ovni_vignette_plane)(unsigned char* plane, int pitch, int width, int height, int channels, int centre,
                                 int strength)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    long long nx = 2LL * x + 1 - width, ny = 2LL * y + 1 - height;
    long long r2 = nx * nx + ny * ny, big = (long long)width * width + (long long)height * height;
    int q = (int)(r2 * 256 / big);
    int f = 256 - ((ovni_clamp(strength, 0, 256) * q * q + 32768) >> 16);
    unsigned char* p = ovni_row8(plane, pitch, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
        p[ch] = (unsigned char)ovni_clamp(centre + (((p[ch] - centre) * f + 128) >> 8), 0, 255);
}
OVNI_REGISTER(ovni_vignette_plane)

// Natural lens vignetting, as FFmpeg's vignette filter computes it (forward, no dither): each sample becomes
// trunc(float(s - centre) * f + centre), f = factors[(y << subY) * lumaWidth + (x << subX)] (float32 cos^4 fall-off
// per luma pixel, computed once on the host), centre 0 for luma and 127 for chroma. Float products round the same in
// PTX, g++ and .NET (no contraction), so the twin matches bit for bit. Launch: one thread per plane pixel.
OVNI_KERNEL(ovni_lens_vignette_plane)(unsigned char* plane, int pitch, int width, int height, int channels,
                                      int subX, int subY, int centre, unsigned char* factors, int lumaWidth)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    float f = ((const float*)factors)[(long long)(y << subY) * lumaWidth + (x << subX)];
    unsigned char* p = ovni_row8(plane, pitch, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        float v = (float)(p[ch] - centre) * f + (float)centre;
        p[ch] = (unsigned char)ovni_clamp((int)v, 0, 255);
    }
}
OVNI_REGISTER(ovni_lens_vignette_plane)
