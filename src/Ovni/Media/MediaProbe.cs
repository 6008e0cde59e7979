using Ovni.Interop;
using Ovni.Interop.FFmpeg;

namespace Ovni;

/// <summary>Reads <see cref="MediaInfo"/> out of an opened AVFormatContext.</summary>
internal static unsafe class MediaProbe
{
    private const long NoPts = long.MinValue;
    private const int MediaTypeVideo = 0, MediaTypeAudio = 1, MediaTypeSubtitle = 3, MediaTypeAttachment = 4;

    internal static byte* Stream(void* format, int index) =>
        ((byte**)*(void**)((byte*)format + FFmpegRuntime.Layout.FormatStreams))[index];

    internal static int StreamCount(void* format) => *(int*)((byte*)format + FFmpegRuntime.Layout.FormatNbStreams);

    internal static byte* CodecPar(byte* stream) => *(byte**)(stream + FFmpegRuntime.Layout.StreamCodecPar);

    internal static Rational StreamTimeBase(byte* stream) => *(Rational*)(stream + FFmpegRuntime.Layout.StreamTimeBase);

    internal static int CodecType(byte* stream) => *(int*)(CodecPar(stream) + FFmpegRuntime.Layout.ParCodecType);

    internal static MediaInfo Describe(string path, void* format, int videoIndex)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* iformat = *(byte**)((byte*)format + l.FormatIFormat);
        string container = iformat == null ? "?" : Utf8.ToString(*(byte**)(iformat + l.IoFormatName)) ?? "?";
        long duration = *(long*)((byte*)format + l.FormatDuration);
        var audio = new List<AudioStreamInfo>();
        var subtitles = new List<SubtitleStreamInfo>();
        int attachments = 0;
        int count = StreamCount(format);
        for (int i = 0; i < count; i++)
        {
            byte* stream = Stream(format, i);
            byte* par = CodecPar(stream);
            int type = *(int*)(par + l.ParCodecType);
            string codec = Utf8.ToString(FFmpegApi.avcodec_get_name(*(int*)(par + l.ParCodecId))) ?? "?";
            string? language = Metadata(*(void**)(stream + l.StreamMetadata), "language");
            if (type == MediaTypeAudio)
                audio.Add(new AudioStreamInfo(i, codec, *(int*)(par + l.ParSampleRate), *(int*)(par + l.ParChannelCount), language));
            else if (type == MediaTypeSubtitle)
                subtitles.Add(new SubtitleStreamInfo(i, codec, language));
            else if (type == MediaTypeAttachment)
                attachments++;
        }
        return new MediaInfo
        {
            Path = path,
            Container = container,
            Duration = duration > 0 ? TimeSpan.FromMicroseconds(duration) : TimeSpan.Zero,
            BitRate = *(long*)((byte*)format + l.FormatBitRate),
            Video = videoIndex >= 0 ? DescribeVideo(path, format, videoIndex, duration) : null,
            AudioStreams = audio,
            SubtitleStreams = subtitles,
            StreamCount = count,
            AttachmentCount = attachments,
            ChapterCount = *(int*)((byte*)format + l.FormatNbChapters),
        };
    }

    private static VideoStreamInfo DescribeVideo(string path, void* format, int index, long formatDuration)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* stream = Stream(format, index);
        byte* par = CodecPar(stream);
        int pixFmt = *(int*)(par + l.ParFormat);
        PixelFormatInfo? pix = pixFmt >= 0 ? PixelFormatInfo.FromNative(pixFmt) : null;
        Rational timeBase = StreamTimeBase(stream);
        Rational avg = *(Rational*)(stream + l.StreamAvgFrameRate);
        Rational baseRate = *(Rational*)(stream + l.StreamRFrameRate);
        Rational rate = avg.IsValid ? avg : baseRate;
        // Matroska files with a 1 ms time base often report 1000/1 as the average rate: not a real rate.
        bool implausible = !rate.IsValid || (baseRate.IsValid && rate.ToDouble() > baseRate.ToDouble() * 1.01)
                           || (timeBase.IsValid && rate.Num == timeBase.Den && rate.Den == timeBase.Num);
        if (implausible) rate = MeasureFrameRate(path, index, timeBase) ?? rate;
        long start = *(long*)(stream + l.StreamStartTime);
        long streamDuration = *(long*)(stream + l.StreamDuration);
        TimeSpan duration = streamDuration > 0 && streamDuration != NoPts
            ? TimeSpan.FromSeconds(streamDuration * timeBase.ToDouble())
            : formatDuration > 0 ? TimeSpan.FromMicroseconds(formatDuration) : TimeSpan.Zero;
        long frames = *(long*)(stream + l.StreamNbFrames);
        if (frames <= 0 && rate.IsValid) frames = (long)Math.Round(duration.TotalSeconds * rate.ToDouble());
        return new VideoStreamInfo
        {
            Index = index,
            Codec = Utf8.ToString(FFmpegApi.avcodec_get_name(*(int*)(par + l.ParCodecId))) ?? "?",
            Width = *(int*)(par + l.ParWidth),
            Height = *(int*)(par + l.ParHeight),
            PixelFormatName = pix?.Name ?? "unknown",
            PixelFormat = pix?.Format ?? PixelFormat.Other,
            BitDepth = pix?.BitDepth ?? 0,
            FrameRate = rate,
            TimeBase = timeBase,
            StartPts = start == NoPts ? 0 : start,
            Duration = duration,
            EstimatedFrameCount = frames,
            Color = new ColorInfo((ColorRange)(*(int*)(par + l.ParColorRange)), *(int*)(par + l.ParColorPrimaries),
                *(int*)(par + l.ParColorTrc), *(int*)(par + l.ParColorSpace)),
            Rotation = DisplayRotation.Of(stream)?.Degrees ?? 0,
            BitRate = *(long*)(par + l.ParBitRate),
        };
    }

    /// <summary>
    /// Frame rate from the spacing of the first packets' timestamps, for containers whose declared rates
    /// are wrong. Reads through a second, private demuxer so the caller's is never moved: some inputs
    /// (image files, pipes) cannot seek back, and their packets would be lost.
    /// </summary>
    private static Rational? MeasureFrameRate(string path, int index, Rational timeBase)
    {
        FFmpegLayout l = FFmpegRuntime.Layout;
        var pts = new List<long>(64);
        void* format = null;
        byte[] url = Utf8.ToNullTerminated(IO.MediaPath.ToFFmpegUrl(path));
        int opened;
        fixed (byte* p = url) opened = FFmpegApi.avformat_open_input(&format, p, null, null);
        if (opened < 0) return null;
        using var owner = new InputFormatContextHandle(format);
        if (index >= MediaProbe.StreamCount(format)) return null;
        using (var packet = new PacketHandle())
        {
            for (int guard = 0; guard < 2000 && pts.Count < 48; guard++)
            {
                if (FFmpegApi.av_read_frame(format, packet.Pointer) < 0) break;
                byte* p = (byte*)packet.Pointer;
                long value = *(long*)(p + l.PacketPts);
                if (*(int*)(p + l.PacketStreamIndex) == index && value != NoPts) pts.Add(value);
                FFmpegApi.av_packet_unref(packet.Pointer);
            }
        }
        if (pts.Count < 3) return null;
        pts.Sort();
        // The whole span over the interval count: millisecond rounding of single deltas averages out.
        double mean = (double)(pts[^1] - pts[0]) / (pts.Count - 1);
        if (mean <= 0) return null;
        double fps = 1.0 / (mean * timeBase.ToDouble());
        // Snap to the common NTSC rates, which timestamps in milliseconds can only approximate.
        foreach (double standard in new[] { 24000 / 1001.0, 30000 / 1001.0, 60000 / 1001.0 })
            if (Math.Abs(fps - standard) < 0.05) return new Rational((int)Math.Round(standard * 1001), 1001);
        return new Rational((int)Math.Round(fps * 1000), 1000);
    }

    /// <summary>A stream's metadata tag (e.g. Matroska's per-track "DURATION"), or null.</summary>
    internal static string? StreamTag(byte* stream, string key) => Metadata(*(void**)(stream + FFmpegRuntime.Layout.StreamMetadata), key);

    private static string? Metadata(void* dict, string key)
    {
        if (dict == null) return null;
        byte[] k = Utf8.ToNullTerminated(key);
        fixed (byte* pk = k)
        {
            byte** entry = (byte**)FFmpegApi.av_dict_get(dict, pk, null, 0);
            return entry == null ? null : Utf8.ToString(entry[1]);
        }
    }
}
