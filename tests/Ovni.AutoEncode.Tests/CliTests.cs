using System.Text.Json;

namespace Ovni.AutoEncode.Tests;

/// <summary>The commands as a user runs them: auto-encode --json and --dry-run, queue …, ladder with its plot.</summary>
public class CliTests
{
    [Fact]
    public void Auto_encode_json_events_then_queue_commands_steer_the_result()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Live/people.mkv", "tiny.mp4", "Broken/corrupt.mp4"]);
        string config = temp.File("ovni.json");
        File.WriteAllText(config, $$"""
            { "roots": ["{{root}}"], "encoder": "x265", "preset": "ultrafast", "stable_for_s": 0, "keep_awake": false,
              "filters": { "min_duration_s": 0.8, "min_size_mb": 0.001, "min_bitrate_kbps": { "sd": 0 } }, "guards": { "min_free_memory_mb": 0 } }
            """);
        var (code, stdout, stderr) = CliRunner.Run("auto-encode", "--config", config, "--json", "--crf", "30", "--report", temp.File("report.json"));
        Assert.True(code == 0, stderr);
        JsonElement[] events = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("config", events[0].GetProperty("event").GetString());
        Assert.Equal(30, events[0].GetProperty("configuration").GetProperty("crf").GetInt32()); // the flag overrode the file
        Assert.Equal("libx265", events[0].GetProperty("configuration").GetProperty("encoder").GetString());
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "progress");
        JsonElement report = events[^1].GetProperty("report");
        Assert.Equal(1, report.GetProperty("encoded").GetInt32());
        JsonElement people = report.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("decision").GetString() == "encoded");
        Assert.True(people.GetProperty("saving").GetDouble() > 0.15);
        Assert.Equal(30, people.GetProperty("crf").GetInt32());
        Assert.True(File.Exists(temp.File("report.json")));
        Assert.Contains("run stopped", File.ReadAllText(Path.Combine(root, ".ovni", "auto-encode.log")), StringComparison.Ordinal);

        Assert.True(people.GetProperty("overhead_seconds").GetDouble() > 0);

        string db = Path.Combine(root, ".ovni", "queue.db");
        (code, stdout, _) = CliRunner.Run("queue", "stats", "--db", db, "--json");
        Assert.Equal(0, code);
        using JsonDocument stats = JsonDocument.Parse(stdout);
        Assert.Equal(1, stats.RootElement.GetProperty("counts").GetProperty("done").GetInt32());
        Assert.Equal(1, stats.RootElement.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.True(stats.RootElement.GetProperty("saved_bytes").GetInt64() > 0);
        Assert.Single(stats.RootElement.GetProperty("speeds").EnumerateObject());

        string corrupt = Path.Combine(root, "Broken/corrupt.mp4");
        (code, stdout, _) = CliRunner.Run("queue", "show", corrupt, "--db", db, "--json");
        Assert.Equal(0, code);
        Assert.Contains("moov atom not found", stdout, StringComparison.Ordinal);
        (code, stdout, _) = CliRunner.Run("queue", "retry", corrupt, "--db", db);
        Assert.Equal(0, code);
        (code, _, _) = CliRunner.Run("queue", "remove", corrupt, "--db", db);
        Assert.Equal(0, code);
        (code, stdout, _) = CliRunner.Run("queue", "list", "--state", "excluded", "--db", db, "--json");
        Assert.Contains("removed by the user", stdout, StringComparison.Ordinal);
        (code, _, stderr) = CliRunner.Run("queue", "rollback", Path.Combine(root, "Movies/Live/people.mkv"), "--db", db);
        Assert.Equal(1, code);
        Assert.Contains("no original in quarantine", stderr, StringComparison.Ordinal);
        (code, _, stderr) = CliRunner.Run("queue", "list", "--db", temp.File("nope.db"));
        Assert.Equal(1, code);
        Assert.StartsWith("ovni: error: No queue database at", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_hands_the_running_file_back_to_the_queue_and_exits_130()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Animation/bunny.mp4"]);
        string config = temp.File("ovni.json");
        File.WriteAllText(config, $$"""
            { "roots": ["{{root}}"], "encoder": "libx265", "preset": "medium", "stable_for_s": 0, "keep_awake": false,
              "filters": { "min_duration_s": 0.8, "min_size_mb": 0.001, "min_bitrate_kbps": { "sd": 0 } }, "guards": { "min_free_memory_mb": 0 } }
            """);
        using System.Diagnostics.Process process = CliRunner.Start("auto-encode", "--config", config, "--json");
        using var encoding = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("\"event\":\"progress\"", StringComparison.Ordinal) == true) encoding.Set(); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.True(encoding.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the encode never started");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        // The writer finishes the frame the encoder is working on (the core's cancellation latency, issue 11): generous on a loaded machine.
        Assert.True(process.WaitForExit(120_000), "did not stop within 120 s of SIGINT");
        Assert.Equal(130, process.ExitCode);
        using var queue = Ovni.Encoding.Library.EncodeQueue.Open(Path.Combine(root, ".ovni", "queue.db"));
        var entry = queue.List().Single();
        Assert.Equal(Ovni.Encoding.Library.JobState.Pending, entry.State);
        Assert.Contains("starts again from the beginning", entry.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root, ".ovni-tmp-*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(root, "Movies/Animation/bunny.ovni.mkv")));
    }

    [Fact]
    public void Ladder_reports_each_crf_and_draws_the_rate_quality_plot()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Live/people.mkv"]);
        string model = TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json");
        string plot = temp.File("ladder.png");
        var (code, stdout, stderr) = CliRunner.Run("ladder", Path.Combine(root, "Movies/Live/people.mkv"), "--crf", "22,30,38", "--encoder", "x264",
            "--preset", "veryfast", "--model", model, "--plot", plot, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement[] points = json.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([22, 30, 38], points.Select(p => p.GetProperty("crf").GetInt32()));
        double[] sizes = points.Select(p => (double)p.GetProperty("bytes").GetInt64()).ToArray();
        double[] vmaf = points.Select(p => p.GetProperty("vmaf").GetDouble()).ToArray();
        Assert.True(sizes[0] > sizes[1] && sizes[1] > sizes[2], "size must fall with CRF");
        Assert.True(vmaf[0] > vmaf[1] && vmaf[1] > vmaf[2], "VMAF must fall with CRF");
        Assert.All(points, p => Assert.Equal(40, p.GetProperty("frames").GetInt32()));
        byte[] png = File.ReadAllBytes(plot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000);

        (code, _, stderr) = CliRunner.Run("ladder", Path.Combine(root, "Movies/Live/people.mkv"), "--crf", "20,70");
        Assert.Equal(1, code);
        Assert.StartsWith("ovni: error: --crf: '70' is not a CRF from 0 to 63", stderr, StringComparison.Ordinal);
    }
}
