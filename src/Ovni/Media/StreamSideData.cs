// Why: a stream's side data (the display matrix, HDR10 mastering display and content light level) lived in AVStream's
// side_data up to FFmpeg 6.0 and moved into codecpar->coded_side_data in 6.1; every read and write of it goes through
// here so that both layouts stay handled in one place.
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>Reads and attaches an AVStream's side data (AVPacketSideDataType entries) on either FFmpeg layout.</summary>
internal static unsafe class StreamSideData
{
    /// <summary>The bytes of the entry of <paramref name="type"/>, or an empty span when the stream has none.</summary>
    internal static ReadOnlySpan<byte> Find(byte* stream, int type)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        if (l.ParCodedSideData < 0)
        {
            nuint size;
            byte* data = (byte*)FFmpegApi.av_stream_get_side_data(stream, type, &size);
            return data == null ? default : new ReadOnlySpan<byte>(data, checked((int)size));
        }
        byte* par = MediaProbe.CodecPar(stream);
        byte* entry = (byte*)FFmpegApi.av_packet_side_data_get(*(void**)(par + l.ParCodedSideData), *(int*)(par + l.ParNbCodedSideData), type);
        if (entry == null) return default;
        // AVPacketSideData: uint8_t *data; size_t size; enum type.
        return new ReadOnlySpan<byte>(*(byte**)entry, checked((int)*(nuint*)(entry + sizeof(void*))));
    }

    /// <summary>
    /// Attaches a copy of <paramref name="bytes"/> to <paramref name="stream"/> as its entry of <paramref name="type"/>
    /// (before the header is written); <paramref name="what"/> and <paramref name="path"/> name it in the error.
    /// </summary>
    internal static void Add(byte* stream, int type, ReadOnlySpan<byte> bytes, string what, string path)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* target;
        if (l.ParCodedSideData < 0)
        {
            target = FFmpegApi.av_stream_new_side_data(stream, type, (nuint)bytes.Length);
        }
        else
        {
            byte* par = MediaProbe.CodecPar(stream);
            byte* entry = (byte*)FFmpegApi.av_packet_side_data_new((void**)(par + l.ParCodedSideData), (int*)(par + l.ParNbCodedSideData), type, (nuint)bytes.Length, 0);
            target = entry == null ? null : *(byte**)entry;
        }
        if (target == null) throw new OvniException($"Could not attach {what} to the video stream of '{path}' (out of memory).") { FilePath = path };
        bytes.CopyTo(new Span<byte>(target, bytes.Length));
    }
}
