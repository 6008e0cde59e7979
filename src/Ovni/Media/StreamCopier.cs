using Microsoft.Extensions.Logging;
using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>
/// Copies audio and subtitle packets from a source file into a muxer unchanged, interleaved with the
/// video the writer encodes: before each video packet is written, source packets up to that time are copied,
/// so the output is interleaved like a normal file and the muxer never buffers minutes of video.
/// </summary>
internal sealed unsafe class StreamCopier : IDisposable
{
    private const long NoPts = long.MinValue;
    private const int MediaTypeAudio = 1, MediaTypeSubtitle = 3;

    private readonly InputFormatContextHandle _source;
    private readonly PacketHandle _packet = new();
    private readonly Dictionary<int, int> _map = new(); // source stream index → output stream index
    private readonly string _path;
    private bool _pending;
    private bool _exhausted;

    internal StreamCopier(string path, void* output, void* outputFormat, bool audio, bool subtitles, ILogger logger, List<string> skipped)
    {
        _path = path;
        if (!File.Exists(path)) throw new OvniException($"Cannot copy streams: '{path}' not found.") { FilePath = path };
        void* context = null;
        byte[] url = Utf8.ToNullTerminated(path);
        int result;
        fixed (byte* p = url) result = FFmpegApi.avformat_open_input(&context, p, null, null);
        if (result < 0) throw FFmpegErrors.Create("Opening the stream-copy source", result, path);
        _source = new InputFormatContextHandle(context);
        FFmpegErrors.Check(FFmpegApi.avformat_find_stream_info(context, null), "Reading stream information", path);

        FFmpegLayout l = FFmpegRuntime.Layout;
        for (int i = 0; i < MediaProbe.StreamCount(context); i++)
        {
            byte* stream = MediaProbe.Stream(context, i);
            byte* par = MediaProbe.CodecPar(stream);
            int type = *(int*)(par + l.ParCodecType);
            if (!((type == MediaTypeAudio && audio) || (type == MediaTypeSubtitle && subtitles))) continue;
            int codecId = *(int*)(par + l.ParCodecId);
            string codec = Utf8.ToString(FFmpegApi.avcodec_get_name(codecId)) ?? "?";
            if (FFmpegApi.avformat_query_codec(outputFormat, codecId, 0) != 1)
            {
                string note = $"stream {i} ({codec}) cannot be stored in this container and was not copied";
                skipped.Add(note);
                logger.LogWarning("{Path}: {Note}", path, note);
                continue;
            }
            byte* outStream = (byte*)FFmpegApi.avformat_new_stream(output, null);
            if (outStream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
            byte* outPar = MediaProbe.CodecPar(outStream);
            FFmpegErrors.Check(FFmpegApi.avcodec_parameters_copy(outPar, par), "Copying stream parameters", path);
            *(uint*)(outPar + l.ParCodecTag) = 0; // let the muxer pick its own tag for the codec
            *(Rational*)(outStream + l.StreamTimeBase) = MediaProbe.StreamTimeBase(stream);
            CopyMetadata(stream, outStream);
            _map[i] = *(int*)(outStream + l.StreamIndex);
        }
    }

    internal int StreamCount => _map.Count;

    /// <summary>Copies every source packet whose timestamp is at or before <paramref name="seconds"/>.</summary>
    internal void CopyUntil(void* output, double seconds)
    {
        if (_map.Count == 0) return;
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* packet = (byte*)_packet.Pointer;
        while (!_exhausted)
        {
            if (!_pending)
            {
                int read = FFmpegApi.av_read_frame(_source.Pointer, packet);
                if (read == AvError.Eof) { _exhausted = true; break; }
                if (read < 0) throw FFmpegErrors.Create("Reading packets to copy", read, _path);
                if (!_map.ContainsKey(*(int*)(packet + l.PacketStreamIndex)))
                {
                    FFmpegApi.av_packet_unref(packet);
                    continue;
                }
                _pending = true;
            }
            int sourceIndex = *(int*)(packet + l.PacketStreamIndex);
            byte* sourceStream = MediaProbe.Stream(_source.Pointer, sourceIndex);
            Rational tb = MediaProbe.StreamTimeBase(sourceStream);
            long dts = *(long*)(packet + l.PacketDts);
            long pts = *(long*)(packet + l.PacketPts);
            long stamp = dts != NoPts ? dts : pts;
            if (stamp != NoPts && stamp * tb.ToDouble() > seconds) break;

            int outIndex = _map[sourceIndex];
            byte* outStream = MediaProbe.Stream(output, outIndex);
            *(int*)(packet + l.PacketStreamIndex) = outIndex;
            FFmpegApi.av_packet_rescale_ts(packet, tb, MediaProbe.StreamTimeBase(outStream));
            _pending = false;
            int written = FFmpegApi.av_interleaved_write_frame(output, packet); // takes the packet's reference
            if (written < 0) throw FFmpegErrors.Create("Writing copied packets", written, _path);
        }
    }

    private static void CopyMetadata(byte* source, byte* target)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* metadata = *(void**)(source + l.StreamMetadata);
        if (metadata != null) FFmpegApi.av_dict_copy((void**)(target + l.StreamMetadata), metadata, 0);
        *(int*)(target + l.StreamDisposition) = *(int*)(source + l.StreamDisposition);
    }

    public void Dispose()
    {
        _packet.Dispose();
        _source.Dispose();
    }
}
