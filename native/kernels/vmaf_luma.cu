// Why: the VMAF feature kernels (vmaf_vif.cu, vmaf_motion.cu, vmaf_adm.cu) read packed 16-bit luma, the same
// samples the CPU extractors take; decoded device frames hold luma as 8-bit (NV12, yuv420p) or 16-bit words
// (P010 with the value in the high bits, yuv420p10le in the low bits). This kernel turns one into the other.
// Semantics: dst[y][x] = src[y][x] for 1-byte samples; for 2-byte (little-endian) samples,
// dst[y][x] = src[y][x] >> shift (P010: 6, yuv420p10le: 0). Pitches are in bytes.
// Launch: one thread per pixel, grid spans width x height.
#include "ovni_cuda.h"

OVNI_KERNEL(ovni_vmaf_load_luma)(unsigned char* src, int pitchSrc, unsigned char* dst, int pitchDst, int width,
                                 int height, int bytesPerSample, int shift)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    unsigned char* in = ovni_row8(src, pitchSrc, y);
    unsigned int sample = bytesPerSample == 1 ? in[x] : ((unsigned int)in[2 * x] | ((unsigned int)in[2 * x + 1] << 8)) >> shift;
    ovni_row16(dst, pitchDst, y)[x] = (unsigned short)sample;
}
OVNI_REGISTER(ovni_vmaf_load_luma)
