using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

// libavutil hwcontext: the CUDA hw device that shares Ovni's context, hw frame pools and transfers,
// plus the buffer-pool and image-size calls a custom device-memory pool needs.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_hwdevice_find_type_by_name(byte* name);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_hwdevice_ctx_alloc(int type);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_hwdevice_ctx_init(void* deviceRef);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_hwframe_ctx_alloc(void* deviceRef);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_hwframe_ctx_init(void* framesRef);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_hwframe_get_buffer(void* framesRef, void* frame, int flags);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_hwframe_transfer_data(void* dst, void* src, int flags);

    [LibraryImport(FFmpegLibrary.AvUtil)]
    internal static partial void* av_buffer_pool_init2(nuint size, void* opaque,
        delegate* unmanaged[Cdecl]<void*, nuint, void*> alloc, delegate* unmanaged[Cdecl]<void*, void> poolFree);

    [LibraryImport(FFmpegLibrary.AvUtil)]
    internal static partial void* av_buffer_create(byte* data, nuint size, delegate* unmanaged[Cdecl]<void*, byte*, void> free, void* opaque, int flags);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_image_get_buffer_size(int pixFmt, int width, int height, int align);
}
