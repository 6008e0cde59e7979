// Why: libass hands captions over as one-colour alpha masks (glyph fill, outline, shadow). Burning one in is a
// per-sample blend of that colour by the mask, on Y and on the (subsampled) chroma planes with the mask averaged
// by the caller. Masks are uploaded once per caption change and reused for every frame the caption shows on.
// Mirrored by Ovni.Kernels.AlphaMaskBlend.
// Semantics: the mask (width*samples x height bytes, alpha 0..255) lies with its top-left at (x, y) in plane
// samples-per-position units, any integers including negative, clipped at all four edges; each byte
// d = round((d * (255 - a) + c * a) / 255), computed exactly as v = d*(255-a) + c*a + 128, (v + (v >> 8)) >> 8;
// c is valueEven on even mask columns and valueOdd on odd ones (U and V of interleaved NV12 chroma, samples = 2).
// Launch: one thread per mask byte, grid spans (width * samples) x height.
#include "ovni_cuda.h"

OVNI_KERNEL(ovni_blend_alpha_mask)(unsigned char* plane, int pitch, int planeWidth, int planeHeight,
                                   unsigned char* mask, int maskPitch, int x, int y, int width, int height,
                                   int samples, int valueEven, int valueOdd)
{
    int i = ovni_global_x(), r = ovni_global_y();
    if (i >= width * samples || r >= height) return;
    int column = x * samples + i, row = y + r;
    if (column < 0 || column >= planeWidth * samples || row < 0 || row >= planeHeight) return;
    int a = ovni_row8(mask, maskPitch, r)[i];
    int c = (i & 1) ? valueOdd : valueEven;
    unsigned char* d = ovni_row8(plane, pitch, row) + column;
    int v = *d * (255 - a) + c * a + 128;
    *d = (unsigned char)((v + (v >> 8)) >> 8);
}
OVNI_REGISTER(ovni_blend_alpha_mask)
