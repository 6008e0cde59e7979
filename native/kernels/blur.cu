// Why: separable Gaussian blur (backgrounds behind captions, privacy masks) without shared memory:
// one kernel run twice, horizontally into a temporary plane and vertically back. Mirrored by
// Ovni.Kernels.PlaneBlur, whose CreateGaussianWeights turns sigma into the integer taps passed here.
// Semantics: `weights` is a device array of 2*radius+1 ints summing to 16384; each output sample is
// (sum of weights[t] * sample at offset t - radius along the pass + 8192) >> 14, clamped to 0..255, with
// coordinates clamped to the plane (edge replication). `channels` interleaved 8-bit samples per pixel.
// Launch: one thread per pixel, grid spans width x height. src and dst must not overlap.
#include "ovni_cuda.h"

OVNI_KERNEL(ovni_blur_plane)(unsigned char* src, int pitchSrc, unsigned char* dst, int pitchDst, int width,
                             int height, int channels, int* weights, int radius, int vertical)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    unsigned char* out = ovni_row8(dst, pitchDst, y) + x * channels;
    for (int ch = 0; ch < channels; ++ch)
    {
        int acc = 0;
        for (int t = -radius; t <= radius; ++t)
        {
            int sx = vertical ? x : ovni_clamp(x + t, 0, width - 1);
            int sy = vertical ? ovni_clamp(y + t, 0, height - 1) : y;
            acc += weights[t + radius] * ovni_row8(src, pitchSrc, sy)[sx * channels + ch];
        }
        out[ch] = (unsigned char)ovni_clamp((acc + 8192) >> 14, 0, 255);
    }
}
OVNI_REGISTER(ovni_blur_plane)
