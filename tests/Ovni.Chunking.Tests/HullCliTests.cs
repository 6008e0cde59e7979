// `ovni encode --optimize shots` as a user runs it (a separate process): the per-shot table in JSON (stdout and
// --hull-json), the chart, the published file frame-exact and verified, nothing else left behind; bad options refused.
using System.Text.Json;
using Ovni.Encoding.Tests;

namespace Ovni.Chunking.Tests;

public sealed class HullCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Models => TestMedia.VmafModelsFolder;

    [Fact]
    public void Optimize_shots_publishes_a_verified_frame_exact_file_with_its_per_shot_table_and_chart()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv"), table = _temp.File("hull.json"), chart = _temp.File("hull.png");

        var (code, stdout, stderr) = OvniCli.Run(null, "encode", source, output, "--target-vmaf", "92", "--encoder", "libx264", "--preset", "veryfast",
            "--optimize", "shots", "--coarse-crfs", "18,24,30,36", "--refine-rounds", "1", "--min-shot", "0.5", "--models", Models,
            "--hull-json", table, "--plot", chart, "--json");

        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;
        double predicted = root.GetProperty("predicted_vmaf").GetDouble(), measured = root.GetProperty("measured_vmaf").GetDouble();
        // The shots are scored as the joined file shows them: the verification measures the prediction.
        Assert.True(predicted >= 92, $"predicted {predicted}");
        Assert.Equal(predicted, measured, 6);
        Assert.Equal(86, root.GetProperty("min_shot_vmaf").GetDouble());
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength()); // a whole, clean source: nothing to warn of
        JsonElement shots = root.GetProperty("shots");
        Assert.True(shots.GetArrayLength() >= 6, stdout);
        foreach (JsonElement shot in shots.EnumerateArray())
        {
            Assert.True(shot.GetProperty("vmaf").GetDouble() >= 86);
            Assert.True(shot.GetProperty("probes").GetArrayLength() >= 4);
            Assert.Contains(shot.GetProperty("probes").EnumerateArray(), p => p.GetProperty("crf").GetDouble() == shot.GetProperty("crf").GetDouble() && p.GetProperty("on_hull").GetBoolean());
        }
        Assert.Equal(shots.EnumerateArray().Sum(s => s.GetProperty("frames").GetInt32()), FFmpegCli.CountFrames(output));
        Assert.Equal(new FileInfo(output).Length, root.GetProperty("output_bytes").GetInt64());
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(table));
        Assert.Equal(predicted, written.RootElement.GetProperty("predicted_vmaf").GetDouble());
        Assert.True(new FileInfo(chart).Length > 10_000);
        Assert.Equal(["hull.json", "hull.png", "out.mkv"], Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)).Order().ToArray());
    }

    [Fact]
    public void A_truncated_source_is_encoded_with_a_warning_that_says_where_its_data_ends()
    {
        // A copy cut short (as after an interrupted download) decodes without an error of its own, and every shot is read
        // by seeking: the output is "fine" and shorter, so the user must be told, as `ovni transcode` tells.
        string whole = _temp.File("whole.mkv"), cut = _temp.File("cut.mkv"), output = _temp.File("out.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", TestMedia.Require("internal_emulator_transformer_output.mp4"), "-an",
            "-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", whole);
        byte[] bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length * 6 / 10).ToArray());

        var (stdout, stderr) = EncodeDamaged(cut, output, "veryfast", "24,32");

        Assert.Contains("truncated", stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        string warning = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Matches(@"the data ends at [0-9.]+ s of the [0-9.]+ s the container announces \(truncated\)", warning);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Frames_that_cannot_be_decoded_are_left_out_with_a_warning_as_a_transcode_leaves_them_out()
    {
        // The shared Sintel clip has two AV1 frames its decoder refuses (a damaged download). Every shot is read by seeking
        // and waits for its frames at their timestamps: the shot holding them used to fail the whole run. 1.6 s of it,
        // stream-copied, keeps the damage.
        string cut = _temp.File("damaged.mkv"), output = _temp.File("out.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-ss", "6.5", "-i", TestMedia.Require("sintel_1080_10s_av1.mp4"), "-t", "1.6", "-an", "-c", "copy", cut);
        int decodable = FFmpegCli.CountFrames(cut), packets = VideoTimeline.Read(cut, TestContext.Current.CancellationToken).Count;
        Assert.True(decodable < packets, $"{decodable} of {packets} frames decode: the case tests nothing");

        var (stdout, stderr) = EncodeDamaged(cut, output, "ultrafast", "22,30");

        Assert.Contains("2 decode errors", stderr);
        Assert.Equal(decodable, FFmpegCli.CountFrames(output));
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(json.RootElement.GetProperty("predicted_vmaf").GetDouble(), json.RootElement.GetProperty("measured_vmaf").GetDouble(), 6);
        Assert.Equal(["damaged.mkv", "out.mkv"], Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)).Order().ToArray());
    }

    // A per-shot run on a damaged source, which must publish (exit 0) and warn of the damage.
    private static (string Stdout, string Stderr) EncodeDamaged(string source, string output, string preset, string crfs)
    {
        var (code, stdout, stderr) = OvniCli.Run(null, "encode", source, output, "--target-vmaf", "90", "--encoder", "libx264", "--preset", preset,
            "--optimize", "shots", "--coarse-crfs", crfs, "--refine-rounds", "0", "--min-shot", "0.5", "--models", Models,
            "--best-effort", "--max-size-percent", "1000", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains($"ovni: warning: '{source}' is damaged", stderr);
        return (stdout, stderr);
    }

    [Fact]
    public void Bad_shot_options_are_one_line_errors_and_leave_nothing()
    {
        string source = ShotInputs.SixShots();
        string output = _temp.File("out.mkv");
        foreach (string[] bad in new[]
        {
            new[] { "--optimize", "banana" },
            ["--optimize", "shots", "--budget-kbps", "300", "--budget-mb", "1"],
            ["--optimize", "shots", "--min-shot-vmaf", "99"],
            ["--optimize", "shots", "--coarse-crfs", "20,x"],
            ["--optimize", "shots", "--pool", "p5"],
            ["--optimize", "shots", "--shot-variant", "ssim"],
            ["--optimize", "shots", "--shot-variant", "default:tune=ssim"],
            ["--optimize", "shots", "--shot-variant", "a:tune=ssim", "--shot-variant", "A:tune=film"],
            ["--shot-variant", "ssim:tune=ssim"],
            ["--optimize", "shots", "--shot-variant", "recommended"], // libx264 has none
        })
        {
            var (code, _, stderr) = OvniCli.Run(null, ["encode", source, output, "--target-vmaf", "92", "--encoder", "libx264", "--models", Models, .. bad]);
            Assert.NotEqual(0, code);
            Assert.Contains("ovni", stderr);
            Assert.DoesNotContain("   at ", stderr); // no stack trace
            if (bad.Contains("p5")) Assert.Contains("cannot be allocated per shot", stderr);
            if (bad.Contains("--shot-variant")) Assert.Contains("ariant", stderr);
        }
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }
}
