namespace Ovni.Tests.Media;

public class MediaReaderTests
{
    [Theory]
    [InlineData("internal_emulator_transformer_output.mp4")]
    [InlineData("cockatoo.mp4")]
    [InlineData("sample_with_srt.mkv")]
    [InlineData("hdr10-video-with-sdr-container.mp4")]
    [InlineData("sintel_1080_10s_av1.mp4")]
    public async Task Decodes_the_same_frames_and_timestamps_as_ffprobe(string clip)
    {
        string path = TestMedia.Require(clip);
        double[] expected = FFmpegCli.FrameTimes(path);

        await using var reader = MediaReader.Open(path);
        var times = new List<double>();
        long index = 0;
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.Equal(index++, frame.Index);
                Assert.Equal(reader.Video.Width, frame.Width);
                times.Add(frame.Timestamp.TotalSeconds);
            }
        }

        Assert.Equal(expected.Length, times.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - times[i]) < 1e-3, $"frame {i}: ffprobe {expected[i]} s, Ovni {times[i]} s");
    }

    [Fact]
    public void Probe_describes_a_10bit_hdr_stream()
    {
        MediaInfo info = MediaReader.Probe(TestMedia.Require("hdr10-video-with-sdr-container.mp4"));
        VideoStreamInfo video = Assert.IsType<VideoStreamInfo>(info.Video);
        Assert.Equal("hevc", video.Codec);
        Assert.Equal(10, video.BitDepth);
        Assert.Equal(PixelFormat.Yuv420P10, video.PixelFormat);
        Assert.Equal(16, video.Color.Transfer);   // smpte2084 (PQ)
        Assert.Equal(9, video.Color.Primaries);   // bt2020
        Assert.True(video.Color.IsHdr);
        Assert.Single(info.AudioStreams);
    }

    [Fact]
    public void Probe_reports_rotation_of_a_portrait_phone_clip()
    {
        MediaInfo info = MediaReader.Probe(TestMedia.Require("portrait_4k60.mp4"));
        Assert.Equal(-90, info.Video!.Rotation);
        Assert.Equal(3840, info.Video.Width);
    }

    [Fact]
    public void Probe_lists_audio_and_subtitle_streams()
    {
        MediaInfo info = MediaReader.Probe(TestMedia.Require("sample_with_srt.mkv"));
        Assert.Equal("ac3", Assert.Single(info.AudioStreams).Codec);
        Assert.Equal("subrip", Assert.Single(info.SubtitleStreams).Codec);
        // The file declares 1000/1 as its average rate; Ovni measures the real one from the timestamps.
        Assert.Equal(29.97, info.Video!.FrameRate.ToDouble(), 0.01);
    }

    [Fact]
    public async Task Reads_a_still_image_as_one_frame()
    {
        using var temp = new TempDirectory();
        string png = temp.File("still.png");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x48", "-frames:v", "1", png);
        await using var reader = MediaReader.Open(png);
        int frames = 0;
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
            using (frame) { frames++; Assert.Equal(64, frame.Width); }
        Assert.Equal(1, frames);
    }
}
