using System.Text.Json;

namespace Ovni.Tests.Media;

/// <summary>
/// The HDR10 → HEVC 10-bit transcode a user wrote from the README: the mastering display (SMPTE ST 2086) and content
/// light level metadata of the source must reach the output (ffprobe's side_data_list), or HDR players tone-map it wrongly.
/// </summary>
public class HdrMetadataTests
{
    private const string Hdr10 = "hdr10-video-with-sdr-container.mp4";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("out.mp4")]
    [InlineData("out.mkv")]
    public async Task X265_10_bit_transcode_keeps_mastering_display_and_content_light_level(string name)
    {
        string source = TestMedia.Require(Hdr10);
        using var temp = new TempDirectory();
        string output = temp.File(name);
        await Encode(source, output, new VideoEncoderOptions { Encoder = "libx265", Preset = "ultrafast", Crf = 30, PixelFormat = PixelFormat.Yuv420P10 });

        JsonElement expected = FirstFrameSideData(source);
        JsonElement frame = FirstFrameSideData(output);
        // x265 writes the SEI messages itself: the decoded output frames carry exactly the source's values.
        Assert.Equal(Mastering(expected), Mastering(frame));
        Assert.Equal(Light(expected), Light(frame));
        using JsonDocument probe = Probe(output, "-show_streams");
        JsonElement stream = probe.RootElement.GetProperty("streams")[0];
        Assert.Equal("yuv420p10le", stream.GetProperty("pix_fmt").GetString());
        Assert.Equal("smpte2084", stream.GetProperty("color_transfer").GetString());
        // The container stores them too (MP4 mdcv/clli boxes, Matroska MasteringMetadata/MaxCLL): same values.
        JsonElement streamSideData = stream.GetProperty("side_data_list");
        Assert.Equal(Mastering(expected), Mastering(streamSideData));
        Assert.Equal(Light(expected), Light(streamSideData));
    }

    [Fact]
    public async Task Svt_av1_transcode_writes_mastering_display_and_content_light_level_metadata_obus()
    {
        string source = TestMedia.Require(Hdr10);
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        await Encode(source, output, new VideoEncoderOptions { Encoder = "libsvtav1", Preset = "12", Crf = 40, PixelFormat = PixelFormat.Yuv420P10 });

        JsonElement frame = FirstFrameSideData(output);
        // AV1 stores chromaticity in 1/65536 and luminance in 1/256 (max) and 1/16384 (min): equal within that precision.
        double[] want = Mastering(FirstFrameSideData(source)), got = Mastering(frame);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - got[i]) <= 0.0041, $"value {i}: {want[i]} vs {got[i]}");
        Assert.Equal(Light(FirstFrameSideData(source)), Light(frame));
    }

    private static async Task Encode(string source, string output, VideoEncoderOptions encoding)
    {
        await using MediaReader reader = MediaReader.Open(source);
        await using MediaWriter writer = MediaWriter.Create(output, encoding with { ExtraOptions = LogLevel(encoding.Encoder) }, null, reader.Video);
        await writer.WriteAsync(reader.ReadFramesAsync(Ct).TrimFrames(0, 4), cancellationToken: Ct);
    }

    private static Dictionary<string, string>? LogLevel(string encoder) =>
        encoder == "libx265" ? new() { ["x265-params"] = "log-level=error" } : null;

    private static JsonElement FirstFrameSideData(string path)
    {
        using JsonDocument doc = Probe(path, "-read_intervals", "%+#1", "-show_frames");
        return doc.RootElement.GetProperty("frames")[0].GetProperty("side_data_list").Clone();
    }

    private static JsonDocument Probe(string path, params string[] what) =>
        JsonDocument.Parse(FFmpegCli.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", .. what, "-of", "json", path]));

    private static double[] Mastering(JsonElement sideData)
    {
        JsonElement m = sideData.EnumerateArray().Single(d => d.GetProperty("side_data_type").GetString() == "Mastering display metadata");
        return new[] { "red_x", "red_y", "green_x", "green_y", "blue_x", "blue_y", "white_point_x", "white_point_y", "min_luminance", "max_luminance" }
            .Select(k => Ratio(m.GetProperty(k).GetString()!)).ToArray();
    }

    private static (int, int) Light(JsonElement sideData)
    {
        JsonElement l = sideData.EnumerateArray().Single(d => d.GetProperty("side_data_type").GetString() == "Content light level metadata");
        return (l.GetProperty("max_content").GetInt32(), l.GetProperty("max_average").GetInt32());
    }

    private static double Ratio(string text)
    {
        string[] parts = text.Split('/');
        return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
