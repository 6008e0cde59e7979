using System.Runtime.InteropServices;
using Ovni;

namespace Ovni.Interop.FFmpeg;

// libavcodec: codec lookup, contexts, send/receive, packets, parameters.
internal static unsafe partial class FFmpegApi
{
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_find_decoder(int codecId);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_get_class();
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial uint avcodec_version();
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_find_encoder_by_name(byte* name);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_find_encoder(int codecId);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial byte* avcodec_get_name(int codecId);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_alloc_context3(void* codec);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void avcodec_free_context(void** ctx);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_open2(void* ctx, void* codec, void** options);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_parameters_to_context(void* ctx, void* par);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_parameters_from_context(void* par, void* ctx);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_parameters_copy(void* dst, void* src);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* avcodec_parameters_alloc();
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void avcodec_parameters_free(void** par);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_send_packet(void* ctx, void* packet);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_receive_frame(void* ctx, void* frame);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_send_frame(void* ctx, void* frame);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial int avcodec_receive_packet(void* ctx, void* packet);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void avcodec_flush_buffers(void* ctx);

    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* av_packet_alloc();
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void av_packet_free(void** packet);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void av_packet_unref(void* packet);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void av_packet_rescale_ts(void* packet, Rational src, Rational dst);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* av_packet_side_data_get(void* sideData, int count, int type);
    [LibraryImport(FFmpegLibrary.AvCodec)] internal static partial void* av_packet_side_data_new(void** sideData, int* count, int type, nuint size, int flags);
}
