namespace Ovni.Tests.Media;

/// <summary>
/// Found by re-encoding an MP4 with a poster as a newcomer would: the cover art (an attached picture, which media servers
/// show) was dropped without a word, into mkv and mp4 alike. It is carried now, byte for byte: into MP4 as cover art,
/// into Matroska as the attachment cover.png that FFmpeg and players read back as the cover; WebM and MOV say they cannot.
/// </summary>
public sealed class CoverArtTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string WithCover()
    {
        string cover = _temp.File("poster.png"), source = _temp.File("film.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64", "-frames:v", "1", cover);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-i", cover,
            "-map", "0", "-map", "1", "-pix_fmt:v:0", "yuv420p", "-c:v:0", "libx264", "-preset", "ultrafast", "-c:v:1", "png",
            "-disposition:v:1", "attached_pic", source);
        return source;
    }

    // The attached picture's bytes as FFmpeg reads them back (ffprobe names it by its disposition).
    private string CoverBytes(string file)
    {
        string index = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "stream=index:stream_disposition=attached_pic", "-of", "csv=p=0", file)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.EndsWith(",1", StringComparison.Ordinal)).Split(',')[0];
        string png = _temp.File($"cover-of-{Path.GetFileName(file)}.png");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", file, "-map", $"0:{index}", "-c", "copy", "-f", "image2", png);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(png)));
    }

    [Theory]
    [InlineData("out.mkv")]
    [InlineData("out.mp4")]
    public async Task The_cover_art_is_carried_byte_for_byte(string name)
    {
        string source = WithCover();
        string output = _temp.File(name);

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: Ct);

        Assert.Empty(result.SkippedStreams);
        Assert.Equal(CoverBytes(source), CoverBytes(output));
        Assert.Equal(10, FFmpegCli.CountFrames(output)); // the picture is not a frame of the video
    }

    [Theory]
    [InlineData("out.webm", "libvpx-vp9")]
    [InlineData("out.mov", "libx264")] // FFmpeg 5.1's MOV muxer drops cover art (MP4 keeps it)
    public async Task A_container_that_cannot_hold_it_says_so(string name, string encoder)
    {
        string source = WithCover();
        string output = _temp.File(name);

        TranscodeResult result = await Transcoder.TranscodeAsync(source, output, new VideoEncoderOptions { Encoder = encoder }, cancellationToken: Ct);

        Assert.Contains("(png cover art) cannot be stored in this container", Assert.Single(result.SkippedStreams));
        Assert.Single(FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "stream=index", "-of", "csv=p=0", output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_attachment_that_WebM_cannot_hold_is_noted_not_dropped_silently()
    {
        string font = _temp.File("subtitles.ttf"), source = _temp.File("styled.mkv");
        File.WriteAllText(font, "not really a font");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=10:duration=1", "-attach", font,
            "-metadata:s:t", "mimetype=font/ttf", "-c:v", "libx264", "-preset", "ultrafast", source);

        TranscodeResult result = await Transcoder.TranscodeAsync(source, _temp.File("out.webm"), new VideoEncoderOptions { Encoder = "libvpx-vp9" }, cancellationToken: Ct);

        Assert.Contains("(attachment) cannot be stored in this container", Assert.Single(result.SkippedStreams));
    }
}
