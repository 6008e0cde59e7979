using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// A file's cover art: a video stream of one picture marked "attached picture" (MP4/MOV <c>covr</c>, MP3 APIC). Media
/// servers show it as the poster. It is not the video: the writer carries it beside the video, into MP4 as cover
/// art again and into Matroska as the attachment <c>cover.png</c> / <c>cover.jpg</c> that players there look for.
/// </summary>
internal static unsafe class CoverArt
{
    private const int AttachedPicture = 0x400; // AV_DISPOSITION_ATTACHED_PIC
    private const int MediaTypeVideo = 0, MediaTypeAttachment = 4;
    private const int PacketData = 24;         // AVPacket.data, stable across 5.1–7.1 like the layout's other packet fields
    private const int PaddingSize = 64;        // AV_INPUT_BUFFER_PADDING_SIZE

    /// <summary>True when <paramref name="stream"/> is a video stream holding an attached picture.</summary>
    internal static bool Is(byte* stream)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        return *(int*)(MediaProbe.CodecPar(stream) + l.ParCodecType) == MediaTypeVideo && (*(int*)(stream + l.StreamDisposition) & AttachedPicture) != 0;
    }

    /// <summary>The picture's bytes: FFmpeg hands attached pictures out first after opening a file; null when it does not.</summary>
    internal static byte[]? Read(void* format, int streamIndex)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        using var handle = new PacketHandle();
        byte* packet = (byte*)handle.Pointer;
        for (int i = 0; i < 256; i++)
        {
            if (FFmpegApi.av_read_frame(format, packet) < 0) return null;
            try
            {
                if (*(int*)(packet + l.PacketStreamIndex) != streamIndex) continue;
                int size = *(int*)(packet + l.PacketSize);
                byte* data = *(byte**)(packet + PacketData);
                return size > 0 && data != null ? new ReadOnlySpan<byte>(data, size).ToArray() : null;
            }
            finally
            {
                FFmpegApi.av_packet_unref(packet);
            }
        }
        return null;
    }

    /// <summary>Adds the picture to a Matroska output as an attachment named cover.png or cover.jpg.</summary>
    internal static void AddAsAttachment(void* output, byte* source, byte[] picture)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* stream = (byte*)FFmpegApi.avformat_new_stream(output, null);
        if (stream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
        byte* par = MediaProbe.CodecPar(stream);
        int codecId = *(int*)(MediaProbe.CodecPar(source) + l.ParCodecId);
        *(int*)(par + l.ParCodecType) = MediaTypeAttachment;
        *(int*)(par + l.ParCodecId) = codecId;
        byte* extradata = (byte*)FFmpegApi.av_mallocz((nuint)(picture.Length + PaddingSize));
        if (extradata == null) throw new OutOfMemoryException("av_mallocz failed.");
        picture.CopyTo(new Span<byte>(extradata, picture.Length));
        *(byte**)(par + l.ParExtradata) = extradata; // freed with the output context
        *(int*)(par + l.ParExtradataSize) = picture.Length;
        bool png = picture.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']);
        Set(stream, "filename", png ? "cover.png" : "cover.jpg");
        Set(stream, "mimetype", png ? "image/png" : "image/jpeg");
    }

    private static void Set(byte* stream, string key, string value)
    {
        byte[] k = Utf8.ToNullTerminated(key), v = Utf8.ToNullTerminated(value);
        fixed (byte* kp = k, vp = v) FFmpegApi.av_dict_set((void**)(stream + FFmpegRuntime.Layout.StreamMetadata), kp, vp, 0);
    }
}
