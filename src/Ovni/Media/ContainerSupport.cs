// Why: FFmpeg's muxers differ in how they refuse a codec. Some have no tag for it (avformat_query_codec says so), some
// refuse it only when the header is written (mov: "opus only supported in MP4"), and some accept what no player reads
// (Vorbis into MP4 under a private object type, without a word). A stream the container cannot hold must be an error
// with the muxer's reason, found before any work starts, or be dropped because the user asked.
using Ovni.Interop.FFmpeg;
using Ovni.Interop;

namespace Ovni;

/// <summary>Whether a muxer can hold a stream, and if not, why (in the muxer's words where it has them).</summary>
internal static unsafe class ContainerSupport
{
    private const int CodecIdVorbis = 86021; // AV_CODEC_ID_VORBIS

    /// <summary>The muxer's short name (mp4, matroska, …).</summary>
    internal static string MuxerName(void* outputFormat) => Utf8.ToString(*(byte**)((byte*)outputFormat + FFmpegRuntime.Layout.IoFormatName)) ?? "?";

    /// <summary>FFmpeg's MP4/QuickTime muxers (movenc): they take movflags such as faststart and store the display matrix.</summary>
    internal static bool IsMovFamily(void* outputFormat) => MuxerName(outputFormat) is "mp4" or "mov" or "ipod" or "ismv" or "3gp" or "3g2" or "psp" or "f4v";

    /// <summary>Null when <paramref name="outputFormat"/> takes a stream with these codec parameters; otherwise the reason.</summary>
    internal static string? Problem(void* outputFormat, byte* parameters)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        int codecId = *(int*)(parameters + l.ParCodecId);
        string codec = Utf8.ToString(FFmpegApi.avcodec_get_name(codecId)) ?? "?";
        string muxer = MuxerName(outputFormat);
        if (codecId == CodecIdVorbis && IsMovFamily(outputFormat))
            return $"MP4 and QuickTime have no registered mapping for Vorbis (FFmpeg's {muxer} muxer would write a private object type that players do not read)";
        if (FFmpegApi.avformat_query_codec(outputFormat, codecId, 0) != 1)
            return $"the {muxer} muxer has no codec tag for {codec} (\"Could not find tag for codec {codec}\")";
        return TrialHeader(outputFormat, parameters);
    }

    /// <summary>Writes a container header holding only this stream into memory: the muxer's own verdict and message.</summary>
    private static string? TrialHeader(void* outputFormat, byte* parameters)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        void* context = null;
        byte[] name = Utf8.ToNullTerminated("trial");
        int result;
        fixed (byte* n = name) result = FFmpegApi.avformat_alloc_output_context2(&context, outputFormat, null, n);
        if (result < 0) return AvError.Describe(result);
        void** pb = (void**)((byte*)context + l.FormatPb);
        try
        {
            byte* stream = (byte*)FFmpegApi.avformat_new_stream(context, null);
            if (stream == null) throw new OutOfMemoryException("avformat_new_stream failed.");
            byte* copy = MediaProbe.CodecPar(stream);
            FFmpegErrors.Check(FFmpegApi.avcodec_parameters_copy(copy, parameters), "Describing a trial stream");
            *(uint*)(copy + l.ParCodecTag) = 0;
            int rate = *(int*)(copy + l.ParSampleRate);
            *(Rational*)(stream + l.StreamTimeBase) = new Rational(1, rate > 0 ? rate : 1000);
            FFmpegErrors.Check(FFmpegApi.avio_open_dyn_buf(pb), "Opening a memory buffer");
            FFmpegLog.ClearLastError();
            result = FFmpegApi.avformat_write_header(context, null);
            string? said = FFmpegLog.TakeLastError();
            if (result >= 0) return null;
            // "[mov @ 0x55d…] opus only supported in MP4." (or "mov: …", as FFmpegLog words it) → "the mov muxer says: opus only supported in MP4"
            string muxer = Utf8.ToString(*(byte**)((byte*)outputFormat + l.IoFormatName)) ?? "?";
            string reason = said is null ? AvError.Describe(result) : System.Text.RegularExpressions.Regex.Replace(said, @"^(\[[^\]]*\]|[\w-]+:)\s*", "").TrimEnd('.');
            return $"the {muxer} muxer says: {reason}";
        }
        finally
        {
            if (*pb != null)
            {
                byte* buffer = null;
                FFmpegApi.avio_close_dyn_buf(*pb, &buffer);
                FFmpegApi.av_free(buffer);
                *pb = null;
            }
            FFmpegApi.avformat_free_context(context);
        }
    }
}
