using System.Runtime.InteropServices;
using Ovni;

namespace Ovni.Interop.FFmpeg;

// libavutil: memory, frames, options, dictionaries, pixel format descriptors, errors.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_get_buffer(void* frame, int align);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial uint avutil_version();
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_strerror(int errnum, byte* errbuf, nuint errbufSize);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_log_set_level(int level);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_log_set_callback(delegate* unmanaged[Cdecl]<void*, int, byte*, void*, void> callback);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_log_format_line2(void* ptr, int level, byte* fmt, void* vl, byte* line, int lineSize, int* printPrefix);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_frame_alloc();
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_frame_free(void** frame);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_frame_unref(void* frame);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_ref(void* dst, void* src);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_make_writable(void* frame);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_is_writable(void* frame);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_copy(void* dst, void* src);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_frame_copy_props(void* dst, void* src);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_frame_get_side_data(void* frame, int type);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_frame_new_side_data(void* frame, int type, nuint size);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_buffer_pool_init(nuint size, void* alloc);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_buffer_pool_uninit(void** pool);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_buffer_pool_get(void* pool);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_buffer_unref(void** buf);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_buffer_ref(void* buf);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_get_pix_fmt(byte* name);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial byte* av_get_pix_fmt_name(int pixFmt);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_pix_fmt_desc_get(int pixFmt);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial byte* av_color_primaries_name(int value);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial byte* av_color_transfer_name(int value);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial byte* av_color_space_name(int value);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial double av_display_rotation_get(int* matrix);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_opt_find(void* obj, byte* name, byte* unit, int optFlags, int searchFlags);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_opt_set(void* obj, byte* name, byte* value, int searchFlags);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_opt_set_int(void* obj, byte* name, long value, int searchFlags);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_dict_set(void** dict, byte* key, byte* value, int flags);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_dict_get(void* dict, byte* key, void* prev, int flags);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_dict_free(void** dict);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_dict_copy(void** dst, void* src, int flags);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_mallocz(nuint size);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_free(void* pointer);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_dynarray_add(void* tablePointer, int* countPointer, void* element);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_opt_get_int(void* obj, byte* name, int searchFlags, long* value);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_freep(void* ptr);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_channel_layout_default(void* layout, int channels);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_channel_layout_copy(void* dst, void* src);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_channel_layout_uninit(void* layout);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial byte* av_get_sample_fmt_name(int sampleFormat);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_samples_alloc(byte** data, int* linesize, int channels, int samples, int sampleFormat, int align);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_samples_set_silence(byte** data, int offset, int samples, int channels, int sampleFormat);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void* av_audio_fifo_alloc(int sampleFormat, int channels, int samples);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial void av_audio_fifo_free(void* fifo);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_audio_fifo_write(void* fifo, void** data, int samples);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_audio_fifo_read(void* fifo, void** data, int samples);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_audio_fifo_size(void* fifo);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_audio_fifo_drain(void* fifo, int samples);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_get_bytes_per_sample(int sampleFormat);
    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial int av_sample_fmt_is_planar(int sampleFormat);

    [LibraryImport(FFmpegLibrary.AvUtil)] internal static partial long av_rescale_q(long a, Rational bq, Rational cq);
}
