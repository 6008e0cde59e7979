// Why: VMAF's motion feature (libvmaf integer_motion, "blur the difference" variant; shared/vmaf/ALGORITHM.md
// section 5) on the device, bit for bit what Ovni.Kernels.Quality.MotionExtractor computes on the CPU, so a GPU
// pipeline needs no download of the reference frames; only one int64 per row leaves the device.
// Semantics (5-tap filter 3571 16004 26386 16004 3571, sum 2^16; rows and columns mirrored reflect-101):
//  1. ovni_vmaf_motion_vertical: for every pixel, the vertical filter of (previous - current) as int32
//     (wrapping like the C# int sum), then an arithmetic shift: (sum + 2^(bitDepth-1)) >> bitDepth, into the
//     int32 plane `blurred`.
//  2. ovni_vmaf_motion_row_sad: one thread per row: the horizontal filter of that row of `blurred` in int64,
//     |(sum + 32768) >> 16| summed over the row into sad[row] (int64). The host adds the rows and finishes as the
//     CPU does: min(sad / 256 / (width * height), 10000).
// Launch: 1 uses one thread per pixel (grid spans width x height), so a real GPU is fully occupied; 2 uses one
// thread per row (grid spans height x 1), five multiply-adds per pixel, memory bound.
#include "ovni_cuda.h"

OVNI_FN int motion_reflect101(int i, int n)
{
    return i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i);
}

OVNI_FN int motion_tap(int k)
{
    return k == 0 || k == 4 ? 3571 : (k == 1 || k == 3 ? 16004 : 26386);
}

OVNI_KERNEL(ovni_vmaf_motion_vertical)(unsigned char* previous, int pitchPrevious, unsigned char* current,
                                       int pitchCurrent, int width, int height, int bitDepth, unsigned char* blurred,
                                       int pitchBlurred)
{
    int x = ovni_global_x(), y = ovni_global_y();
    if (x >= width || y >= height) return;
    // Unsigned arithmetic wraps like C#'s int sum without C++'s signed-overflow undefined behaviour.
    unsigned int sum = 0;
    for (int k = 0; k < 5; ++k)
    {
        int row = motion_reflect101(y - 2 + k, height);
        int difference = (int)ovni_row16(previous, pitchPrevious, row)[x] - (int)ovni_row16(current, pitchCurrent, row)[x];
        sum += (unsigned int)motion_tap(k) * (unsigned int)difference;
    }
    unsigned int round = 1u << (bitDepth - 1);
    ((int*)ovni_row8(blurred, pitchBlurred, y))[x] = (int)(sum + round) >> bitDepth;
}
OVNI_REGISTER(ovni_vmaf_motion_vertical)

OVNI_KERNEL(ovni_vmaf_motion_row_sad)(unsigned char* blurred, int pitchBlurred, int width, int height, unsigned char* sad)
{
    int y = ovni_global_x();
    if (y >= height || ovni_global_y() != 0) return;
    const int* row = (const int*)ovni_row8(blurred, pitchBlurred, y);
    long long rowSad = 0;
    for (int x = 0; x < width; ++x)
    {
        long long sum = 0;
        for (int k = 0; k < 5; ++k) sum += (long long)motion_tap(k) * row[motion_reflect101(x - 2 + k, width)];
        long long value = (sum + 32768) >> 16;
        rowSad += value < 0 ? -value : value;
    }
    ((long long*)sad)[y] = rowSad;
}
OVNI_REGISTER(ovni_vmaf_motion_row_sad)
