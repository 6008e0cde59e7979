// `ovni encode --optimize shots` behaves as `ovni encode --target-vmaf` at the edges (a separate process, as a user runs
// it): an unreachable target publishes nothing and exits 2 unless --best-effort; so does an output above
// --max-size-percent of the source (best effort or not); bad input is a one-line error (exit 1)
// that writes nothing; a source shorter than a shot is one shot; Ctrl+C mid-probe exits 130 and leaves nothing, with the
// source untouched.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Ovni.Encoding.Tests;

namespace Ovni.Chunking.Tests;

public sealed class HullConsistencyCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Models => TestMedia.VmafModelsFolder;

    private static string[] Shots(string source, string output, string target, params string[] more) =>
        ["encode", source, output, "--target-vmaf", target, "--encoder", "libx264", "--preset", "veryfast", "--optimize", "shots",
         "--min-shot", "0.5", "--models", Models, .. more];

    private string[] Left(params string[] inputs) =>
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Where(n => !inputs.Contains(n)).Order().ToArray()!;

    [Fact]
    public void An_unreachable_target_publishes_nothing_and_exits_2_unless_best_effort()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        // CRF 36 and up cannot reach VMAF 99 on these shots.
        string[] args = Shots(source, output, "99", "--min-crf", "36", "--coarse-crfs", "36,40", "--refine-rounds", "0", "--json");

        var (code, stdout, stderr) = OvniCli.Run(null, args);
        Assert.True(code == 2, $"exit {code}: {stderr}");
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            Assert.Equal("not_reachable", json.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("output").ValueKind);
            Assert.False(json.RootElement.GetProperty("met").GetBoolean());
        }
        Assert.Empty(Left());

        (code, stdout, stderr) = OvniCli.Run(null, [.. args, "--best-effort", "--verify", "none"]);
        Assert.True(code == 0, stderr);
        using (JsonDocument json = JsonDocument.Parse(stdout))
            Assert.Equal("published_below_target", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(FFmpegCli.CountFrames(source), FFmpegCli.CountFrames(output));
        Assert.Equal(["out.mkv"], Left());
    }

    [Fact]
    public void An_output_above_max_size_percent_is_refused_with_exit_2_and_leaves_nothing()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        var (code, stdout, stderr) = OvniCli.Run(null, Shots(source, output, "90", "--coarse-crfs", "20,30", "--refine-rounds", "0", "--verify", "none",
            "--max-size-percent", "1", "--best-effort"));
        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Contains("not published: larger than 1% of the source", stdout);
        Assert.Empty(Left());
    }

    [Fact]
    public void Bad_input_is_a_one_line_error_that_writes_nothing_and_a_source_shorter_than_a_shot_is_one_shot()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv"), audio = _temp.File("audio.m4a"), one = _temp.File("one.mkv"), short_ = _temp.File("short.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", audio);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", source, "-frames:v", "1", "-c:v", "libx264", one);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", source, "-frames:v", "10", "-c:v", "libx264", short_);
        string[] inputs = ["audio.m4a", "one.mkv", "short.mkv"];
        (string[] Args, string Says)[] cases =
        [
            (Shots(source, output, "101"), "target VMAF"),
            (Shots(source, output, "0"), "target VMAF"),
            (Shots(source, output, "93", "--min-crf", "30", "--max-crf", "20"), "lowest CRF"),
            (Shots(source, output, "93", "--min-crf", "60"), "lowest CRF"), // above x264's highest (51)
            (Shots(audio, output, "93"), "no video"),
            (Shots(one, output, "93"), "too short"),
            (Shots(_temp.File("missing.mkv"), output, "93"), "missing.mkv"),
        ];
        foreach (var (args, says) in cases)
        {
            var (code, stdout, stderr) = OvniCli.Run(null, args);
            string story = $"{string.Join(' ', args[1..5])}: exit {code}: {stderr}";
            Assert.True(code == 1 && stdout.Length == 0, story + stdout);
            Assert.StartsWith("ovni: error: ", stderr);
            Assert.Contains(says, stderr);
            Assert.DoesNotContain("   at ", stderr);
            Assert.Empty(Left(inputs));
        }

        // Ten frames, shots of at least half a second (12 frames): the whole source is one shot.
        var (ok, json, err) = OvniCli.Run(null, Shots(short_, output, "90", "--coarse-crfs", "20,30", "--refine-rounds", "0", "--best-effort", "--max-size-percent", "1000", "--json"));
        Assert.True(ok == 0, err);
        using JsonDocument report = JsonDocument.Parse(json);
        Assert.Equal(10, report.RootElement.GetProperty("shots").EnumerateArray().Single().GetProperty("frames").GetInt32());
        Assert.Equal(10, FFmpegCli.CountFrames(output));
        Assert.Equal(["out.mkv"], Left(inputs));
    }

    [Fact]
    public async Task Ctrl_c_mid_probe_exits_130_leaves_nothing_and_never_touches_the_source()
    {
        string source = _temp.File("in.mkv");
        File.Copy(ShotInputs.SixShots(), source);
        byte[] before = SHA256.HashData(File.ReadAllBytes(source));
        string output = _temp.File("out.mkv");
        using Process p = Process.Start(OvniCli.StartInfo(null, Shots(source, output, "93", "--coarse-crfs", "18,24,30,36")))!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        (string stderr, bool interrupted) = OvniCli.InterruptAt(p, "ovni: probe",
            () => Assert.NotEmpty(Directory.GetDirectories(_temp.Path, ".out.mkv.ovni-hull.*"))); // the probes exist now
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        _ = await stdout;

        Assert.True(interrupted, "the run never reached a probe: " + stderr);
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("ovni: cancelled", stderr);
        Assert.Equal(["in.mkv"], Left());
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(source)));
    }
}
