using System.Diagnostics;
using System.Security.Cryptography;

namespace Ovni.Tests.Safety;

/// <summary>
/// Issue 12, item 1: Ctrl+C, SIGINT and SIGTERM left the partial file (12 of 12 runs) and printed nothing, because
/// System.CommandLine 2.0 installs no termination handler. Now: temporary file gone, "cancelled: nothing was written",
/// exit 130 (143 for SIGTERM), a second signal forces the exit; the existing output is never touched.
/// </summary>
[Collection(WallClockCollection.Name)]
public class CliSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Clip1080(TempDirectory temp)
    {
        string path = temp.File("in1080.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=4", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Theory]
    [Trait(WallClockCollection.Trait, WallClockCollection.Timing)]
    [InlineData("INT", 130, false)]
    [InlineData("TERM", 143, false)]
    [InlineData("INT", 130, true)]   // the named temporary file of file systems without O_TMPFILE
    public async Task A_signal_cancels_cleanly_and_leaves_the_old_output_intact(string signal, int expectedCode, bool namedTemporaryFile)
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("POSIX signals and /proc.");
        using var temp = new TempDirectory();
        string input = Clip1080(temp);
        string outFolder = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(outFolder);
        string output = Path.Combine(outFolder, "result.mp4");
        File.WriteAllText(output, "the user's earlier file");
        string before = Hash(output);
        var env = namedTemporaryFile ? new Dictionary<string, string> { ["OVNI_NO_TMPFILE"] = "1" } : null;

        using Process ovni = Process.Start(OvniCli.StartInfo(env, "transcode", input, output, "--preset", "medium", "--json"))!;
        Task<string> stderr = ovni.StandardError.ReadToEndAsync(Ct);
        Task<string> stdout = ovni.StandardOutput.ReadToEndAsync(Ct);
        Assert.True(OvniCli.WaitUntilWriting(ovni, outFolder, TimeSpan.FromSeconds(60)), "ovni never started writing");
        Thread.Sleep(500);
        var clock = Stopwatch.StartNew();
        OvniCli.Signal(ovni, signal);
        Assert.True(ovni.WaitForExit(TimeSpan.FromSeconds(10)), "ovni did not stop within 10 s of the signal");
        TimeSpan exit = clock.Elapsed;

        Assert.Equal(expectedCode, ovni.ExitCode);
        Assert.Contains("cancelled: nothing was written", await stderr);
        Assert.Equal("", await stdout);
        Assert.Equal([output], Directory.GetFileSystemEntries(outFolder)); // hidden files included
        Assert.Equal(before, Hash(output));
        Assert.True(exit < TimeSpan.FromSeconds(3), $"took {exit.TotalSeconds:0.00} s to exit");
    }

    [Fact]
    [Trait(WallClockCollection.Trait, WallClockCollection.Timing)]
    public async Task Ctrl_c_during_x265_slower_exits_within_a_second()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("POSIX signals and /proc.");
        using var temp = new TempDirectory();
        // Issue 11's case: a 28-frame 1080p HDR10 clip, HEVC "slower", where nearly all the time is the encoder's lookahead and drain.
        string shared = Path.Combine(TestMedia.MediaDirectory, "hdr10-video-with-sdr-container.mp4");
        string input = File.Exists(shared) ? shared : Clip1080(temp);
        // Two tries: on a machine shared with other test runs one scheduling hiccup should not decide a timing.
        var exits = new List<TimeSpan>();
        for (int attempt = 0; attempt < 2 && (exits.Count == 0 || exits[^1] >= TimeSpan.FromSeconds(1)); attempt++)
            exits.Add(await CancelX265Slower(temp, input, attempt));
        TestContext.Current.SendDiagnosticMessage("Ctrl+C during x265 slower: exited " + string.Join(", then ", exits.Select(e => $"{e.TotalSeconds:0.00} s")) + " after the signal");
        Assert.True(exits[^1] < TimeSpan.FromSeconds(1), "exited " + string.Join(" and ", exits.Select(e => $"{e.TotalSeconds:0.00} s")) + " after Ctrl+C");
    }

    private static async Task<TimeSpan> CancelX265Slower(TempDirectory temp, string input, int attempt)
    {
        string outFolder = Path.Combine(temp.Path, $"out{attempt}");
        Directory.CreateDirectory(outFolder);
        using Process ovni = Process.Start(OvniCli.StartInfo(null, "transcode", input, Path.Combine(outFolder, "hdr.mp4"), "--codec", "hevc", "--preset", "slower", "--json"))!;
        Task<string> stderr = ovni.StandardError.ReadToEndAsync(Ct);
        Assert.True(OvniCli.WaitUntilWriting(ovni, outFolder, TimeSpan.FromSeconds(60)), "ovni never started writing");
        await Task.Delay(4000, Ct); // x265 is deep inside its frames now
        Assert.False(ovni.HasExited, "the encode finished before the signal; it should take far longer");
        OvniCli.Signal(ovni, "INT");
        var clock = Stopwatch.StartNew(); // the kill tool has delivered the signal when it returns
        Assert.True(ovni.WaitForExit(TimeSpan.FromSeconds(10)));
        clock.Stop();
        Assert.Equal(130, ovni.ExitCode);
        string errors = await stderr;
        Assert.Contains("cancelled: nothing was written", errors);
        Assert.DoesNotContain("x265 [info]", errors); // x265's banner no longer goes to the terminal
        Assert.Empty(Directory.GetFileSystemEntries(outFolder));
        return clock.Elapsed; // the process's exit included: dotnet's shutdown is part of what the user waits for
    }

    [Fact]
    public async Task A_second_ctrl_c_forces_the_exit_and_still_removes_the_temporary_file()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("POSIX signals and /proc.");
        using var temp = new TempDirectory();
        string input = Clip1080(temp);
        string outFolder = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(outFolder);
        string output = Path.Combine(outFolder, "result.mkv");

        using Process ovni = Process.Start(OvniCli.StartInfo(new Dictionary<string, string> { ["OVNI_NO_TMPFILE"] = "1" },
            "transcode", input, output, "--preset", "medium", "--json"))!;
        Task<string> stderr = ovni.StandardError.ReadToEndAsync(Ct);
        Assert.True(OvniCli.WaitUntilWriting(ovni, outFolder, TimeSpan.FromSeconds(60)), "ovni never started writing");
        OvniCli.Signal(ovni, "INT");
        OvniCli.Signal(ovni, "INT");
        Assert.True(ovni.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(130, ovni.ExitCode);
        Assert.Contains("cancelled", await stderr);
        Assert.Empty(Directory.GetFileSystemEntries(outFolder));
    }

    [Fact]
    public void Sigkill_leaves_at_most_a_file_the_next_run_removes()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("POSIX signals and /proc.");
        using var temp = new TempDirectory();
        string input = Clip1080(temp);
        string outFolder = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(outFolder);
        string output = Path.Combine(outFolder, "result.mp4");
        File.WriteAllText(output, "the user's earlier file");
        string before = Hash(output);

        foreach (bool named in new[] { false, true })
        {
            var env = named ? new Dictionary<string, string> { ["OVNI_NO_TMPFILE"] = "1" } : null;
            using Process ovni = Process.Start(OvniCli.StartInfo(env, "transcode", input, output, "--preset", "medium", "--json"))!;
            Assert.True(OvniCli.WaitUntilWriting(ovni, outFolder, TimeSpan.FromSeconds(60)), "ovni never started writing");
            Thread.Sleep(300);
            ovni.Kill();
            ovni.WaitForExit();
            string[] left = Directory.GetFileSystemEntries(outFolder);
            // Anonymous (O_TMPFILE): nothing at all; named: one hidden file that names its dead owner.
            Assert.Equal(named ? 2 : 1, left.Length);
            Assert.Equal(before, Hash(output));
        }

        // The next run in that folder (any output name) removes what the killed one left.
        var (code, _, err) = OvniCli.Run(null, "transcode", input, Path.Combine(outFolder, "next.mkv"), "--preset", "ultrafast", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(new[] { output, Path.Combine(outFolder, "next.mkv") }.Order(), Directory.GetFileSystemEntries(outFolder).Order());
        Assert.Equal(before, Hash(output));
    }
}
