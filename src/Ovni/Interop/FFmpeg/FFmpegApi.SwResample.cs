using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

// libswresample: sample format, rate and channel layout conversion for audio re-encoding.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.SwResample)] internal static partial int swr_alloc_set_opts2(void** swr, void* outLayout, int outFormat, int outRate,
        void* inLayout, int inFormat, int inRate, int logOffset, void* logContext);
    [LibraryImport(FFmpegLibrary.SwResample)] internal static partial int swr_init(void* swr);
    [LibraryImport(FFmpegLibrary.SwResample)] internal static partial void swr_free(void** swr);
    [LibraryImport(FFmpegLibrary.SwResample)] internal static partial int swr_convert(void* swr, byte** output, int outputCount, byte** input, int inputCount);
    [LibraryImport(FFmpegLibrary.SwResample)] internal static partial int swr_get_out_samples(void* swr, int inputSamples);
}
