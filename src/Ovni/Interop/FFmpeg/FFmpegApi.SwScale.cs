using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

// libswscale: the baseline format/size conversion.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial uint swscale_version();
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial void* sws_getCachedContext(void* ctx, int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat, int flags, void* srcFilter, void* dstFilter, double* param);
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial void sws_freeContext(void* ctx);
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial int sws_scale(void* ctx, byte** srcSlice, int* srcStride, int srcSliceY, int srcSliceH, byte** dst, int* dstStride);
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial int sws_setColorspaceDetails(void* ctx, int* invTable, int srcRange, int* table, int dstRange, int brightness, int contrast, int saturation);
    [LibraryImport(FFmpegLibrary.SwScale)] internal static partial int* sws_getCoefficients(int colorspace);
}
