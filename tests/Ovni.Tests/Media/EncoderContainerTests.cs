namespace Ovni.Tests.Media;

/// <summary>Each supported encoder and container produces a file the ffmpeg tool reads back with the same frames.</summary>
public class EncoderContainerTests
{
    [Theory]
    [InlineData("libx264", "mp4", "h264")]
    [InlineData("libx264", "mov", "h264")]
    [InlineData("libx265", "mkv", "hevc")]
    [InlineData("libsvtav1", "mkv", "av1")]
    [InlineData("libaom-av1", "webm", "av1")]
    [InlineData("libsvtav1", "mp4", "av1")]
    public async Task Encoder_into_container_round_trips(string encoder, string extension, string codec)
    {
        using var temp = new TempDirectory();
        string audio = extension == "webm" ? "opus" : "aac";
        string source = MakeSource(temp, audio);
        string output = temp.File("out." + extension);
        var options = new VideoEncoderOptions
        {
            Encoder = encoder,
            Crf = 30,
            Preset = encoder switch { "libsvtav1" => "12", "libaom-av1" => null, _ => "ultrafast" },
            Gop = 12,
            ExtraOptions = encoder == "libaom-av1" ? new Dictionary<string, string> { ["cpu-used"] = "8" }
                : encoder == "libx265" ? new Dictionary<string, string> { ["x265-params"] = "log-level=error" } : null,
        };
        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, options, cancellationToken: TestContext.Current.CancellationToken);

        MediaInfo info = MediaReader.Probe(output);
        Assert.Equal(codec, info.Video!.Codec);
        Assert.Equal(24, result.Frames);
        Assert.Equal(24, FFmpegCli.CountFrames(output));
        Assert.Equal(24.0, info.Video.FrameRate.ToDouble(), 0.01);
        Assert.Equal(audio, Assert.Single(info.AudioStreams).Codec);
    }

    [Fact]
    public async Task Audio_the_container_refuses_fails_with_the_muxers_reason_and_no_file()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp, "opus");
        string output = temp.File("out.mov");
        // Found before any frame is decoded, by writing a header in memory: the muxer's own words.
        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, output,
            new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("the mov muxer says: opus only supported in MP4", e.Message);
        Assert.Contains("DropUnsupportedStreams", e.Message);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(temp.Path)); // just the source
    }

    private static string MakeSource(TempDirectory temp, string audioCodec)
    {
        string source = temp.File("source.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=24:d=1", "-f", "lavfi", "-i", "sine=d=1",
            "-c:v", "ffv1", "-c:a", audioCodec == "opus" ? "libopus" : "aac", "-shortest", source);
        return source;
    }
}
