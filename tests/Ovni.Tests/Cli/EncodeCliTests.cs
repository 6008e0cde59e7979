// `ovni encode --target-vmaf` as a user runs it (a separate process) on a short real clip: what the published file keeps
// (audio, chapters, colour tags, 10-bit), the verification in the JSON, the size refusal that leaves nothing behind, the
// bad inputs of the issue as one-line errors, and Ctrl+C mid-search leaving no temporary files. x264/x265 ultrafast with
// three half-second samples keep each run to seconds.
using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Tests.Cli;

public sealed class EncodeCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Encode(string input, string output, double target, params string[] more) =>
    [
        "encode", input, output, "--target-vmaf", target.ToString(System.Globalization.CultureInfo.InvariantCulture), "--preset", "ultrafast",
        "--samples", "3", "--sample-seconds", "0.5", "--placement", "keyframes", "--cache", "none",
        "--models", TestMedia.VmafModelsFolder, .. more,
    ];

    private static string[] With(string[] args, string option, string value)
    {
        string[] changed = [.. args];
        changed[Array.IndexOf(changed, option) + 1] = value;
        return changed;
    }

    // Everything in the output folder apart from the inputs the test made.
    private string[] Left(params string[] inputs) =>
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Where(n => !inputs.Contains(n)).Order().ToArray()!;

    [Fact]
    public void The_published_file_keeps_audio_chapters_and_records_its_verification()
    {
        string chaptered = _temp.File("in.mkv"), metadata = _temp.File("chapters.txt"), output = _temp.File("out.mkv");
        File.WriteAllText(metadata, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=2500\ntitle=Bed\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=2500\nEND=4900\ntitle=Dog\n");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", TestMedia.Require("internal_emulator_transformer_output.mp4"), "-i", metadata,
            "-map", "0", "-map_chapters", "1", "-c", "copy", chaptered);

        var (code, stdout, stderr) = CliTests.Ovni(null, Encode(chaptered, output, 93, "--encoder", "libx264", "--verify", "full", "--max-size-percent", "400", "--json"));

        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;
        Assert.Equal("published", root.GetProperty("outcome").GetString());
        Assert.Equal(output, root.GetProperty("output").GetString());
        JsonElement final = root.GetProperty("final");
        double measured = final.GetProperty("measured_vmaf").GetDouble();
        Assert.InRange(measured, 93 - 0.25, 93 + 1.0);
        Assert.Equal(new FileInfo(output).Length, final.GetProperty("bytes").GetInt64());
        Assert.InRange(root.GetProperty("attempts").GetArrayLength(), 1, 2);
        Assert.True(root.GetProperty("search").GetProperty("probes_encoded").GetInt32() >= 1);

        MediaInfo info = MediaReader.Probe(output);
        Assert.Equal("h264", info.Video!.Codec);
        Assert.Equal(FFmpegCli.CountFrames(chaptered), FFmpegCli.CountFrames(output));
        Assert.Equal("aac", Assert.Single(info.AudioStreams).Codec);
        string chapters = FFmpegCli.Run("ffprobe", "-v", "error", "-show_entries", "chapter=start_time:chapter_tags=title", "-of", "csv=p=0", output);
        Assert.Equal(["0.000000,Bed", "2.500000,Dog"], chapters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(["out.mkv"], Left("in.mkv", "chapters.txt"));
    }

    [Fact]
    public void A_10_bit_hdr_source_stays_10_bit_with_its_colour_tags()
    {
        string clip = TestMedia.Require("hdr10-video-with-sdr-container.mp4"), output = _temp.File("hdr.mkv");

        var (code, _, stderr) = CliTests.Ovni(null, Encode(clip, output, 90, "--encoder", "libx265", "--max-size-percent", "400"));

        Assert.True(code == 0, stderr);
        VideoStreamInfo source = MediaReader.Probe(clip).Video!, encoded = MediaReader.Probe(output).Video!;
        Assert.Equal(10, source.BitDepth);
        Assert.Equal(10, encoded.BitDepth);
        Assert.Equal("hevc", encoded.Codec);
        Assert.Equal(source.Color.PrimariesName, encoded.Color.PrimariesName);
        Assert.Equal(source.Color.TransferName, encoded.Color.TransferName);
        Assert.Equal(source.Color.MatrixName, encoded.Color.MatrixName);
    }

    [Fact]
    public void A_truncated_source_is_encoded_with_a_warning_that_says_where_its_data_ends()
    {
        // A copy cut short (as after an interrupted download) decodes without an error of its own: the encode is "fine"
        // and shorter, so the user must be told, as `ovni transcode` tells.
        string whole = _temp.File("whole.mkv"), cut = _temp.File("cut.mkv"), output = _temp.File("out.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", TestMedia.Require("internal_emulator_transformer_output.mp4"), "-an", "-c", "copy", whole);
        byte[] bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length * 6 / 10).ToArray());

        var (code, _, stderr) = CliTests.Ovni(null, Encode(cut, output, 90, "--encoder", "libx264", "--max-size-percent", "1000", "--best-effort"));

        Assert.True(code == 0, stderr);
        Assert.Contains($"ovni: warning: '{cut}' is damaged", stderr);
        Assert.Contains("truncated", stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void An_output_above_max_size_percent_is_refused_and_leaves_nothing()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4"), output = _temp.File("out.mp4");

        var (code, stdout, _) = CliTests.Ovni(null, Encode(clip, output, 93, "--encoder", "libx264", "--max-size-percent", "1"));

        Assert.Equal(2, code);
        Assert.Contains("not published: larger than 1% of the source", stdout);
        Assert.Empty(Left());
    }

    [Fact]
    public void Bad_inputs_are_one_line_errors_and_write_nothing()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4"), output = _temp.File("out.mp4");
        string audio = _temp.File("audio.m4a"), tiny = _temp.File("tiny.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1", audio);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", "5", "-an", tiny);
        (string[] Args, string Says)[] cases =
        [
            (Encode(clip, output, 101), "target VMAF"),
            (Encode(clip, output, 0), "target VMAF"),
            (Encode(clip, output, 93, "--min-crf", "30", "--max-crf", "20"), "lowest CRF"),
            (Encode(clip, output, 93, "--encoder", "libnothing"), "libnothing"),
            (Encode(audio, output, 93), "no video"),
            (With(With(Encode(tiny, output, 93), "--samples", "2"), "--sample-seconds", "1"), "shorter than one sample"),
        ];
        foreach (var (args, says) in cases)
        {
            var (code, stdout, stderr) = CliTests.Ovni(null, args);
            string story = string.Join(' ', args[..5]) + ": " + stderr;
            Assert.True(code == 1 && stdout.Length == 0, story + stdout);
            Assert.StartsWith("ovni: error: ", stderr);
            Assert.Contains(says, stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
        Assert.Equal(["audio.m4a", "tiny.mp4"], Left());
    }

    [Fact]
    public async Task Ctrl_c_mid_search_leaves_no_temporary_files_and_no_output()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4"), output = _temp.File("out.mp4");
        string tmp = Directory.CreateDirectory(_temp.File("tmp")).FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in Encode(clip, output, 93, "--encoder", "libx264")) start.ArgumentList.Add(a);
        start.Environment["TMPDIR"] = tmp; // the search's sample folder goes here
        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        (string stderr, bool interrupted) = OvniCli.InterruptAt(p, "ovni: probe",
            () => Assert.NotEmpty(Directory.GetDirectories(tmp, "ovni-tq.*"))); // the samples exist now
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(interrupted, "the search never reached a probe");
        Assert.Equal(130, p.ExitCode);
        _ = await stdout;
        Assert.Contains("ovni: cancelled", stderr);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(tmp).Select(e => Path.GetFileName(e)), n => n.StartsWith("ovni", StringComparison.Ordinal));
        Assert.False(File.Exists(output));
        Assert.Equal(["tmp"], Left());
    }
}
