using System.Globalization;
using System.Text.Json;
using Ovni.Captions;

namespace Ovni.Tests.Media;

/// <summary>
/// Audio that fits the video, as a user renders it: a 5-second promo of a 70-second clip, a render trimmed from 10 s with
/// captions, cuts and concatenations of one clip; copied streams (stream copy or AAC/Opus re-encode) follow the written
/// video's timeline and end with it, and a stream the container cannot hold is an error unless the user asks to drop it.
/// </summary>
public class AudioFitTests
{
    private const string Tears = "tears-of-steel-battle-clip-medium.webm"; // 70.5 s, VP8 + Vorbis 44.1 kHz stereo
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly VideoEncoderOptions Fast = new() { Preset = "ultrafast", Crf = 30 };

    [Theory]
    [InlineData("promo.mkv", null)]     // Vorbis copied packet by packet
    [InlineData("promo.mp4", "aac")]    // Vorbis cannot go into MP4: re-encoded
    [InlineData("promo.webm", "opus")]
    public async Task A_five_second_render_of_a_70_second_clip_is_five_seconds_in_both_streams(string name, string? audioCodec)
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string output = temp.File(name);
        var options = new MediaWriterOptions { CopyStreamsFrom = source, Audio = audioCodec is null ? null : new AudioEncoderOptions { Codec = audioCodec } };
        await using (MediaReader reader = MediaReader.Open(source))
        await using (MediaWriter writer = MediaWriter.Create(output, name.EndsWith(".webm", StringComparison.Ordinal) ? Fast with { Encoder = "libvpx-vp9", Preset = null, ExtraOptions = new Dictionary<string, string> { ["deadline"] = "realtime", ["cpu-used"] = "8" } } : Fast, options, reader.Video))
            await writer.WriteAsync(reader.ReadFramesAsync(Ct).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(5)), cancellationToken: Ct);

        (double videoStart, double videoEnd) = StreamSpan(output, "v:0");
        (double audioStart, double audioEnd) = StreamSpan(output, "a:0");
        Assert.InRange(videoEnd - videoStart, 4.95, 5.05);
        Assert.InRange(audioEnd - audioStart, 4.95, 5.05);
        Assert.InRange(audioStart, -0.05, 0.05);
        Assert.InRange(Duration(output), 4.95, 5.05); // what a player shows
        if (audioCodec is not null) Assert.Equal(audioCodec, Probe(output, "a:0", "codec_name"));
        AssertSameSound(output, 0, source, 0, 5, "the audio is the clip's own first 5 s");
    }

    [Fact]
    public async Task A_render_trimmed_from_10_s_starts_at_zero_with_captions_visible_and_the_audio_from_10_s()
    {
        Fonts.Require();
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string srt = temp.File("captions.srt");
        File.WriteAllText(srt, "1\n00:00:00,000 --> 00:00:01,500\nTEN SECONDS IN\n\n");
        string output = temp.File("trimmed.mp4");
        var options = new MediaWriterOptions { CopyStreamsFrom = source, Audio = new AudioEncoderOptions() };
        await using (MediaReader reader = MediaReader.Open(source))
        await using (MediaWriter writer = MediaWriter.Create(output, Fast with { Crf = 18 }, options, reader.Video))
            await writer.WriteAsync(reader.ReadFramesAsync(Ct).Trim(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(13)).Captions(CaptionTrack.Load(srt)), cancellationToken: Ct);

        double[] times = FFmpegCli.FrameTimes(output);
        Assert.InRange(times[0], -0.001, 0.001);
        Assert.InRange(times[^1] - times[0], 2.9, 3.0);
        (double audioStart, double audioEnd) = StreamSpan(output, "a:0");
        Assert.InRange(audioStart, -0.05, 0.05);
        Assert.InRange(audioEnd - audioStart, 2.95, 3.05);
        AssertSameSound(output, 0, source, 10, 3, "the audio is the source's from 10 s");

        // The caption shows in the first 1.5 s of the output (the source's 10–11.5 s) and not after.
        int captioned = ChangedBelow(output, 0.5, source, 10.5), plain = ChangedBelow(output, 2.5, source, 12.5);
        Assert.True(captioned > 300 && plain < 30, $"caption pixels at 0.5 s: {captioned}, at 2.5 s: {plain}");
    }

    [Fact]
    public async Task Cuts_and_concatenations_of_one_clip_carry_the_matching_audio()
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string output = temp.File("cuts.mkv");
        await using (MediaReader first = MediaReader.Open(source))
        await using (MediaReader second = MediaReader.Open(source))
        await using (MediaWriter writer = MediaWriter.Create(output, Fast, new MediaWriterOptions { CopyStreamsFrom = source }, first.Video))
        {
            second.Seek(TimeSpan.FromSeconds(30));
            IAsyncEnumerable<GpuFrame> edit = first.ReadFramesAsync(Ct).Trim(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4))
                .Concat(second.ReadFramesAsync(Ct).Trim(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(33)));
            await writer.WriteAsync(edit, cancellationToken: Ct);
        }
        (double audioStart, double audioEnd) = StreamSpan(output, "a:0");
        Assert.InRange(audioStart, -0.05, 0.05);
        Assert.InRange(audioEnd - audioStart, 4.95, 5.05);
        AssertSameSound(output, 0, source, 2, 2, "0–2 s is the source's 2–4 s");
        AssertSameSound(output, 2, source, 30, 3, "2–5 s is the source's 30–33 s");
    }

    [Fact]
    public async Task Generated_frames_get_a_soundtrack_only_with_source_timestamps_and_never_past_the_video()
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string soundtrack = temp.File("soundtrack.mkv"), silent = temp.File("silent.mkv");
        IAsyncEnumerable<GpuFrame> Card() => FrameSources.SolidColor(320, 180, new RgbaColor(20, 40, 90), TimeSpan.FromSeconds(2), new Rational(25, 1));
        await using (MediaWriter writer = MediaWriter.Create(soundtrack, Fast,
            new MediaWriterOptions { CopyStreamsFrom = source, CopyTiming = CopiedStreamTiming.SourceTimestamps }))
            await writer.WriteAsync(Card(), cancellationToken: Ct);
        (double start, double end) = StreamSpan(soundtrack, "a:0");
        Assert.InRange(start, -0.05, 0.05);
        Assert.InRange(end - start, 1.95, 2.05);
        AssertSameSound(soundtrack, 0, source, 0, 2, "the file's own first 2 s");

        // Following the video, frames that did not come from the file get none of its audio.
        await using (MediaWriter writer = MediaWriter.Create(silent, Fast, new MediaWriterOptions { CopyStreamsFrom = source }))
            await writer.WriteAsync(Card(), cancellationToken: Ct);
        Assert.Equal("", FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", silent).Trim());
    }

    [Fact]
    public async Task The_copy_source_is_recognised_through_a_symbolic_link()
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string link = temp.File("linked.webm");
        File.CreateSymbolicLink(link, source);
        string output = temp.File("out.mkv");
        await using (MediaReader reader = MediaReader.Open(link))
        await using (MediaWriter writer = MediaWriter.Create(output, Fast, new MediaWriterOptions { CopyStreamsFrom = source }, reader.Video))
            await writer.WriteAsync(reader.ReadFramesAsync(Ct).Trim(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)), cancellationToken: Ct);
        (double start, double end) = StreamSpan(output, "a:0");
        Assert.InRange(end - start, 1.95, 2.05);
    }

    [Theory]
    [InlineData("out.mp4")]
    [InlineData("out.mov")]
    public async Task Vorbis_into_mp4_or_mov_fails_before_any_work_and_is_dropped_only_when_asked(string name)
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string output = temp.File(name);
        var e = Assert.Throws<OvniException>(() => MediaWriter.Create(output, Fast, new MediaWriterOptions { CopyStreamsFrom = source }));
        Assert.Contains("vorbis", e.Message);
        Assert.Contains("DropUnsupportedStreams", e.Message);
        Assert.Contains("AudioEncoderOptions", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));

        await using (MediaReader reader = MediaReader.Open(source))
        await using (MediaWriter writer = MediaWriter.Create(output, Fast, new MediaWriterOptions { CopyStreamsFrom = source, DropUnsupportedStreams = true }, reader.Video))
        {
            await writer.WriteAsync(reader.ReadFramesAsync(Ct).TrimFrames(0, 12), cancellationToken: Ct);
            Assert.Contains("vorbis", Assert.Single(writer.SkippedStreams));
        }
        Assert.Empty(MediaReader.Probe(output).AudioStreams);
    }

    [Theory]
    [InlineData("out.mp4", "opus", 1, 48000)]   // libopus takes 48 kHz: the 44.1 kHz source is resampled
    [InlineData("out.mkv", "opus", 2, 48000)]
    [InlineData("out.mov", "aac", 1, 22050)]
    [InlineData("out.mp4", "aac", 2, 44100)]
    public async Task Audio_re_encodes_with_codec_channels_and_rate(string name, string codec, int channels, int rate)
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        string output = temp.File(name);
        var audio = new AudioEncoderOptions { Codec = codec, Channels = channels, SampleRate = rate is 48000 or 44100 ? null : rate, BitRate = 64_000 };
        await using (MediaReader reader = MediaReader.Open(source))
        await using (MediaWriter writer = MediaWriter.Create(output, Fast, new MediaWriterOptions { CopyStreamsFrom = source, Audio = audio }, reader.Video))
            await writer.WriteAsync(reader.ReadFramesAsync(Ct).Trim(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), cancellationToken: Ct);

        Assert.Equal(codec, Probe(output, "a:0", "codec_name"));
        Assert.Equal(channels.ToString(CultureInfo.InvariantCulture), Probe(output, "a:0", "channels"));
        Assert.Equal(rate.ToString(CultureInfo.InvariantCulture), Probe(output, "a:0", "sample_rate"));
        (double start, double end) = StreamSpan(output, "a:0");
        Assert.InRange(end - start, 1.95, 2.05);
        AssertSameSound(output, 0, source, 1, 2, "the audio is the source's 1–3 s");
    }

    [Fact]
    public async Task Opus_into_mov_fails_with_the_muxers_reason()
    {
        string source = TestMedia.Require(Tears);
        using var temp = new TempDirectory();
        var e = Assert.Throws<OvniException>(() => MediaWriter.Create(temp.File("out.mov"), Fast,
            new MediaWriterOptions { CopyStreamsFrom = source, Audio = new AudioEncoderOptions { Codec = "opus" } }));
        Assert.Contains("opus only supported in MP4", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    /// <summary>
    /// Start and end of a stream in seconds: the container's own (MP4/MOV edit lists leave out encoder priming), else
    /// the first packet's timestamp and the last packet's end.
    /// </summary>
    private static (double Start, double End) StreamSpan(string path, string stream)
    {
        string[] declared = Probe(path, stream, "start_time,duration").Split(',');
        if (declared.Length == 2 && double.TryParse(declared[0], CultureInfo.InvariantCulture, out double from)
            && double.TryParse(declared[1], CultureInfo.InvariantCulture, out double length))
            return (from, from + length);
        string csv = FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", path);
        double start = double.MaxValue, end = double.MinValue;
        foreach (string line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split(',');
            if (!double.TryParse(parts[0], CultureInfo.InvariantCulture, out double pts)) continue;
            double duration = parts.Length > 1 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out double d) ? d : 0;
            start = Math.Min(start, pts);
            end = Math.Max(end, pts + duration);
        }
        return (start, end);
    }

    private static double Duration(string path) =>
        double.Parse(FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path).Trim(), CultureInfo.InvariantCulture);

    private static string Probe(string path, string stream, string entry) =>
        FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "stream=" + entry, "-of", "csv=p=0", path).Trim();

    /// <summary>
    /// The output's audio from <paramref name="outputStart"/> is the source's from <paramref name="sourceStart"/>: their
    /// loudness every 50 ms correlates (> 0.7, best within ±50 ms, and by 0.4 more than elsewhere) and it does not with the source a second or more earlier
    /// or later. Whole files are decoded and sliced by sample count, which drifts from the timestamps by a few ms in this
    /// WebM (and ffmpeg's -ss on its Vorbis is not sample-accurate either), hence the ±50 ms.
    /// </summary>
    private static void AssertSameSound(string output, double outputStart, string source, double sourceStart, double seconds, string what)
    {
        short[] outputPcm = Pcm(output), sourcePcm = Pcm(source);
        double[] heard = Envelope(outputPcm, outputStart, seconds);
        double Best(double at) => Enumerable.Range(-5, 11).Select(k => at + k * 0.01).Where(t => t >= 0)
            .Max(t => Correlation(heard, Envelope(sourcePcm, t, seconds)));
        double right = Best(sourceStart);
        double wrong = new[] { -2.0, -1, 1, 2 }.Where(d => sourceStart + d >= 0).Max(d => Best(sourceStart + d));
        Assert.True(right > 0.7 && right > wrong + 0.4, $"{what}: loudness correlation {right:0.000} (other times of the source: up to {wrong:0.000})");
    }

    private static short[] Pcm(string path)
    {
        byte[] bytes = FFmpegCli.RunBytes("ffmpeg", "-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "8000", "-f", "s16le", "-");
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>Loudness (RMS) of each 50 ms from <paramref name="start"/> for <paramref name="seconds"/> (8 kHz mono).</summary>
    private static double[] Envelope(short[] pcm, double start, double seconds)
    {
        const int Window = 400;
        int first = (int)Math.Round(start * 8000);
        int count = Math.Min((int)(seconds * 8000), pcm.Length - first) / Window;
        var envelope = new double[Math.Max(0, count)];
        for (int w = 0; w < envelope.Length; w++)
        {
            double sum = 0;
            for (int i = 0; i < Window; i++)
            {
                double sample = pcm[first + w * Window + i];
                sum += sample * sample;
            }
            envelope[w] = Math.Sqrt(sum / Window);
        }
        return envelope;
    }

    private static double Correlation(double[] a, double[] b)
    {
        int n = Math.Min(a.Length, b.Length) - 1; // the last window may be cut short
        Assert.True(n > 10, $"too little audio to compare ({a.Length} and {b.Length} windows)");
        double ma = a.Take(n).Average(), mb = b.Take(n).Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < n; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.Sqrt(va * vb);
    }

    /// <summary>Pixels in the bottom quarter whose luma differs by more than 80 between an output frame and the matching source frame.</summary>
    private static int ChangedBelow(string output, double at, string source, double sourceAt)
    {
        byte[] a = Gray(output, at), b = Gray(source, sourceAt);
        int changed = 0;
        for (int i = a.Length * 3 / 4; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > 80) changed++;
        return changed;
    }

    private static byte[] Gray(string path, double at) =>
        FFmpegCli.RunBytes("ffmpeg", "-v", "error", "-ss", at.ToString(CultureInfo.InvariantCulture), "-i", path, "-frames:v", "1",
            "-f", "rawvideo", "-pix_fmt", "gray", "-");
}
