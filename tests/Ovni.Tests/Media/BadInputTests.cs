namespace Ovni.Tests.Media;

/// <summary>Every mistake a user can make gives an OvniException that names the file and leaves no output.</summary>
public class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Missing_file_is_named_in_the_error()
    {
        var e = Assert.Throws<OvniException>(() => MediaReader.Open("/nonexistent/clip.mp4"));
        Assert.Contains("not found", e.Message);
        Assert.Equal("/nonexistent/clip.mp4", e.FilePath);
    }

    [Fact]
    public void Zero_byte_file_is_rejected()
    {
        using var temp = new TempDirectory();
        string path = temp.File("empty.mp4");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<OvniException>(() => MediaReader.Open(path));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Text_file_named_mp4_reports_ffmpegs_reason()
    {
        using var temp = new TempDirectory();
        string path = temp.File("notes.mp4");
        File.WriteAllText(path, "These are my shopping notes, not a video.\n");
        var e = Assert.Throws<FFmpegException>(() => MediaReader.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("Invalid data", e.NativeMessage);
    }

    [Fact]
    public async Task Truncated_mp4_is_reported_and_fails_under_strict_leaving_no_output()
    {
        string source = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string truncated = temp.File("truncated.mp4");
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string output = temp.File("out.mp4");

        // Like a truncated MKV: what decodes is written, and the truncation is reported (issue 12: not silently).
        TranscodeResult result = await Transcoder.TranscodeAsync(truncated, output, new VideoEncoderOptions { Preset = "ultrafast" }, cancellationToken: Ct);
        Assert.True(result.Input!.EndedEarly);
        Assert.Contains(result.Warnings, w => w.Contains(truncated, StringComparison.Ordinal) && w.Contains("truncated", StringComparison.Ordinal));
        File.Delete(output);

        var e = await Assert.ThrowsAnyAsync<OvniException>(() => Transcoder.TranscodeAsync(truncated, output,
            new VideoEncoderOptions { Preset = "ultrafast" }, readerOptions: new MediaReaderOptions { Strict = true }, cancellationToken: Ct));
        Assert.Contains(truncated, e.Message);
        Assert.False(File.Exists(output));
        Assert.Equal(new[] { truncated }, Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Unknown_encoder_is_named()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<OvniException>(() => MediaWriter.Create(temp.File("out.mp4"), new VideoEncoderOptions { Encoder = "libx999" }));
        Assert.Contains("libx999", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Unwritable_output_directory_fails_before_any_work()
    {
        string source = TestMedia.Require("sample_with_srt.mkv");
        if (!OperatingSystem.IsLinux()) Assert.Skip("Uses /proc, a folder that exists and that not even root can write to.");
        string output = "/proc/ovni-test-out.mp4";
        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, output, cancellationToken: Ct));
        Assert.Contains("not writable", e.Message);
        Assert.Contains(output, e.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Missing_output_directory_is_named()
    {
        string source = TestMedia.Require("sample_with_srt.mkv");
        using var temp = new TempDirectory();
        string output = Path.Combine(temp.Path, "no-such-folder", "out.mp4");
        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, output, cancellationToken: Ct));
        Assert.Contains("does not exist", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Unknown_encoder_option_is_reported_and_nothing_written()
    {
        string source = TestMedia.Require("sample_with_srt.mkv");
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, output,
            new VideoEncoderOptions { ExtraOptions = new Dictionary<string, string> { ["no-such-option"] = "1" } }, cancellationToken: Ct));
        Assert.Contains("no-such-option", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
