namespace Ovni.Tests.Media;

/// <summary>
/// A phone's portrait video is stored as landscape pictures with a display matrix. A re-encode keeps the pictures as
/// coded, so it must keep the matrix (it did not: every output of a portrait clip played on its side), or say so where
/// the container cannot hold it.
/// </summary>
public class RotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly VideoEncoderOptions Fast = new() { Preset = "ultrafast" };

    [Theory]
    [InlineData("out.mp4")]
    [InlineData("out.mov")]
    public async Task A_transcode_to_mp4_or_quicktime_keeps_the_display_rotation_and_the_pictures_as_coded(string name)
    {
        using var temp = new TempDirectory();
        string source = RotatedClip.Make(temp.File("portrait.mp4"));
        string output = temp.File(name);

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, Fast, cancellationToken: Ct);

        VideoStreamInfo video = MediaReader.Probe(output).Video!;
        Assert.Equal(90, video.Rotation);
        Assert.Equal((320, 240), (video.Width, video.Height));
        Assert.Empty(result.Warnings);
        // The ffmpeg tool reads the same matrix back.
        Assert.Contains("rotation=90", FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream_side_data=rotation", "-of", "compact", output));
    }

    [Fact]
    public async Task Matroska_cannot_hold_the_rotation_so_the_result_says_so()
    {
        using var temp = new TempDirectory();
        string source = RotatedClip.Make(temp.File("portrait.mp4"));
        string output = temp.File("out.mkv");

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, Fast, cancellationToken: Ct);

        Assert.Equal(0, MediaReader.Probe(output).Video!.Rotation);
        string note = Assert.Single(result.SkippedStreams);
        Assert.Contains("display rotation (90°)", note);
        Assert.Contains("matroska", note);
        Assert.Contains(note, result.Warnings);
    }

    [Fact]
    public async Task Frames_the_caller_turned_upright_go_out_without_the_rotation_when_asked()
    {
        using var temp = new TempDirectory();
        string source = RotatedClip.Make(temp.File("portrait.mp4"));
        string output = temp.File("upright.mp4");

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, Fast, new MediaWriterOptions { CopyRotation = false }, cancellationToken: Ct);

        Assert.Equal(0, MediaReader.Probe(output).Video!.Rotation);
        Assert.Empty(result.Warnings);
        Assert.Equal(75, result.Frames); // 3 s at 25 fps
    }

    [Fact]
    public async Task A_source_without_rotation_gets_none()
    {
        using var temp = new TempDirectory();
        string source = temp.File("plain.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast", source);
        string output = temp.File("out.mp4");

        await Transcoder.TranscodeAsync(source, output, Fast, cancellationToken: Ct);

        Assert.Equal(0, MediaReader.Probe(output).Video!.Rotation);
        Assert.DoesNotContain("rotation", FFmpegCli.Run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream_side_data", "-of", "compact", output));
    }
}
