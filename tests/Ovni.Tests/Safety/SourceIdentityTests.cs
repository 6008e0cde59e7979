using System.Security.Cryptography;
using Ovni.Captions;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 2: "ln -s x.mp4 link.mp4; ovni transcode link.mp4 x.mp4" replaced x.mp4 with its re-encode, because the
/// same-file guard compared path strings. The guard is by device and inode now, for every input and every kind of link.
/// </summary>
public class SourceIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SmallClip(TempDirectory temp, string name = "x.mp4")
    {
        string path = temp.File(name);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static VideoEncoderOptions Fast => new() { Preset = "ultrafast" };

    [Fact]
    public async Task Symlinked_input_over_its_target_is_refused_and_the_source_is_untouched()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        using var temp = new TempDirectory();
        string source = SmallClip(temp);
        string before = Hash(source);
        File.CreateSymbolicLink(temp.File("link.mp4"), source);

        var e = await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(temp.File("link.mp4"), source, Fast, cancellationToken: Ct));
        Assert.Contains("never writes over a source", e.Message);
        Assert.StartsWith($"'{temp.File("link.mp4")}'", e.Message); // the input first
        Assert.Equal(before, Hash(source));
        Assert.Equal(["link.mp4", "x.mp4"], Directory.GetFileSystemEntries(temp.Path).Select(p => Path.GetFileName(p)).Order().ToArray());
    }

    [Fact]
    public async Task Symlinked_folder_and_hard_link_are_the_same_file()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        using var temp = new TempDirectory();
        string source = SmallClip(temp);
        string before = Hash(source);
        Directory.CreateSymbolicLink(temp.File("alias"), temp.Path);
        await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, Path.Combine(temp.Path, "alias", "x.mp4"), Fast, cancellationToken: Ct));

        FFmpegCli.Run("ln", source, temp.File("hard.mp4"));
        await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(temp.File("hard.mp4"), source, Fast, cancellationToken: Ct));
        await Assert.ThrowsAsync<OvniException>(() => Transcoder.TranscodeAsync(source, temp.File("hard.mp4"), Fast, cancellationToken: Ct));
        Assert.Equal(before, Hash(source));
        Assert.Equal(before, Hash(temp.File("hard.mp4")));
    }

    [Fact]
    public async Task An_open_reader_protects_its_file_from_any_writer()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        using var temp = new TempDirectory();
        string source = SmallClip(temp);
        string before = Hash(source);
        File.CreateSymbolicLink(temp.File("link.mp4"), source);
        await using (MediaReader reader = MediaReader.Open(temp.File("link.mp4")))
        {
            var e = Assert.Throws<OvniException>(() => MediaWriter.Create(source, Fast, source: reader.Video));
            Assert.Contains("same file under another name", e.Message);
        }
        // Once the reader is closed the file is an ordinary file again.
        await using (MediaWriter writer = MediaWriter.Create(source, Fast)) { }
        Assert.Equal(before, Hash(source));
    }

    [Fact]
    public async Task Stream_copy_source_captions_and_overlay_images_are_inputs_too()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        using var temp = new TempDirectory();
        string clip = SmallClip(temp);
        string audioSource = SmallClip(temp, "audio-source.mkv");
        File.CreateSymbolicLink(temp.File("copy-link.mkv"), audioSource);
        Assert.Throws<OvniException>(() => MediaWriter.Create(audioSource, Fast, new MediaWriterOptions { CopyStreamsFrom = temp.File("copy-link.mkv") }));

        File.WriteAllText(temp.File("captions.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        CaptionTrack track = CaptionTrack.Load(temp.File("captions.srt"));
        File.CreateSymbolicLink(temp.File("captions-link.mkv"), temp.File("captions.srt"));
        Assert.Throws<OvniException>(() => MediaWriter.Create(temp.File("captions-link.mkv"), Fast));
        GC.KeepAlive(track);

        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=red:size=16x16", "-frames:v", "1", temp.File("logo.png"));
        using GpuFrame logo = ImageLoader.LoadRgba(temp.File("logo.png"));
        File.CreateSymbolicLink(temp.File("logo-link.mp4"), temp.File("logo.png"));
        Assert.Throws<OvniException>(() => MediaWriter.Create(temp.File("logo-link.mp4"), Fast));
        Assert.True(File.Exists(clip));
    }

    [Fact]
    public void Identity_follows_links_and_tells_files_apart()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Device and inode via statx are the Linux path.");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a"), "a");
        File.WriteAllText(temp.File("b"), "b");
        File.CreateSymbolicLink(temp.File("to-a"), temp.File("a"));
        Assert.Equal(IO.FileIdentity.Of(temp.File("a")), IO.FileIdentity.Of(temp.File("to-a")));
        Assert.NotEqual(IO.FileIdentity.Of(temp.File("a")), IO.FileIdentity.Of(temp.File("b")));
        Assert.Null(IO.FileIdentity.Of(temp.File("missing")));
    }
}
