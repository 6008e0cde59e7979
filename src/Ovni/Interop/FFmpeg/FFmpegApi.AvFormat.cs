using System.Runtime.InteropServices;

namespace Ovni.Interop.FFmpeg;

// libavformat: demuxing, muxing and I/O.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial uint avformat_version();
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void* avformat_alloc_context();
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avformat_open_input(void** ctx, byte* url, void* format, void** options);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void avformat_close_input(void** ctx);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avformat_find_stream_info(void* ctx, void** options);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int av_find_best_stream(void* ctx, int type, int wanted, int related, void** decoder, int flags);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int av_read_frame(void* ctx, void* packet);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int av_seek_frame(void* ctx, int streamIndex, long timestamp, int flags);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void* av_stream_get_side_data(void* stream, int type, nuint* size);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial byte* av_stream_new_side_data(void* stream, int type, nuint size);

    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avformat_alloc_output_context2(void** ctx, void* format, byte* formatName, byte* fileName);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void avformat_free_context(void* ctx);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void* avformat_new_stream(void* ctx, void* codec);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avformat_write_header(void* ctx, void** options);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int av_interleaved_write_frame(void* ctx, void* packet);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int av_write_trailer(void* ctx);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avformat_query_codec(void* outputFormat, int codecId, int stdCompliance);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial void* av_guess_format(byte* shortName, byte* fileName, byte* mimeType);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avio_open(void** pb, byte* url, int flags);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avio_closep(void** pb);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avio_open_dyn_buf(void** pb);
    [LibraryImport(FFmpegLibrary.AvFormat)] internal static partial int avio_close_dyn_buf(void* pb, byte** buffer);
}
