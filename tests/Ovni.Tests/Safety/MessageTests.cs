namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 6: messages that misled. Every error names the input and the cause first (FFmpeg's own log line before
/// the errno text), then the output.
/// </summary>
public class MessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_device_or_a_pipe_is_named_as_what_it_is_not_as_an_empty_file()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Device and FIFO kinds are read with statx (Linux).");
        using var temp = new TempDirectory();
        string fifo = temp.File("camera.pipe"), empty = temp.File("empty.mp4");
        FFmpegCli.Run("mkfifo", fifo);
        File.Create(empty).Dispose();

        Assert.StartsWith("'/dev/zero' is a character device, not a media file", Assert.Throws<OvniException>(() => MediaReader.Probe("/dev/zero")).Message);
        var e = Assert.Throws<OvniException>(() => MediaReader.Probe(fifo)); // not opened: opening a FIFO would wait for a writer
        Assert.StartsWith($"'{fifo}' is a named pipe (FIFO), not a media file", e.Message);
        Assert.Contains("--url", e.Message);
        Assert.Equal($"'{empty}' is empty (0 bytes), so it holds no media.", Assert.Throws<OvniException>(() => MediaReader.Probe(empty)).Message);
    }

    [Fact]
    public async Task No_frames_names_the_input_and_the_cause_then_the_output()
    {
        using var temp = new TempDirectory();
        string input = temp.File("in.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", input);
        string output = temp.File("out.mp4");
        // Every frame is dropped by the caller's work: the encoder never sees one.
        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(input, output, transform: Nothing, cancellationToken: Ct));
        Assert.StartsWith($"'{input}' gave no video frames to encode", e.Message);
        Assert.EndsWith($"nothing was written to '{output}'.", e.Message);
        Assert.Equal([input], Directory.GetFileSystemEntries(temp.Path));

        static async IAsyncEnumerable<GpuFrame> Nothing(IAsyncEnumerable<GpuFrame> frames)
        {
            await foreach (GpuFrame frame in frames) frame.Dispose();
            yield break;
        }
    }

    [Fact]
    public void A_damaged_header_is_not_called_a_missing_decoder()
    {
        using var temp = new TempDirectory();
        string input = temp.File("in.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", input);
        byte[] bytes = File.ReadAllBytes(input);
        // Matroska's CodecID element "V_MPEG4/ISO/AVC" becomes an id no FFmpeg knows.
        int at = IndexOf(bytes, "V_MPEG4/ISO/AVC"u8.ToArray());
        Assert.True(at > 0);
        "V_XXXXX/ISO/AVC"u8.CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(input, bytes);

        var e = Assert.ThrowsAny<OvniException>(() => MediaReader.Open(input));
        Assert.DoesNotContain("none video", e.Message);
        Assert.StartsWith($"'{input}'", e.Message);
        Assert.Contains("could not be identified", e.Message);
    }

    [Fact]
    public void FFmpegs_own_reason_comes_before_the_errno_text()
    {
        using var temp = new TempDirectory();
        string input = temp.File("notes.mp4");
        File.WriteAllBytes(input, [.. "ftypisom"u8, .. new byte[4000]]);
        var e = Assert.ThrowsAny<FFmpegException>(() => MediaReader.Open(input));
        int path = e.Message.IndexOf(input, StringComparison.Ordinal);
        int errno = e.Message.IndexOf(e.NativeMessage, StringComparison.Ordinal);
        Assert.Equal(1, path); // "'<input>': …"
        Assert.True(errno > 0);
        // Between them: FFmpeg's log line (e.g. "mov,mp4,…: moov atom not found"), readable, without the context's address.
        string between = e.Message[(path + input.Length)..errno];
        Assert.Contains(": ", between);
        Assert.DoesNotContain("@ 0x", e.Message);
    }

    [Fact]
    public async Task Vmaf_length_warning_gives_each_files_frame_count()
    {
        using var temp = new TempDirectory();
        string reference = temp.File("ref.mkv"), distorted = temp.File("dist.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-frames:v", "40", "-pix_fmt", "yuv420p", "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", reference, "-frames:v", "12", "-c:v", "libx264", "-crf", "30", distorted);
        Quality.QualityResult result = await Quality.QualityScorer.ScoreFilesAsync(reference, distorted,
            new Quality.QualityOptions { Metrics = Quality.QualityMetrics.Psnr }, cancellationToken: Ct);
        Assert.Equal(40, result.ReferenceFrameCount);
        Assert.Equal(12, result.DistortedFrameCount);
        Assert.Equal(12, result.Frames.Count);

        var (code, _, stderr) = OvniCli.Run(null, "vmaf", reference, distorted);
        Assert.Equal(0, code);
        Assert.Contains("reference 40, distorted 12", stderr);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
