// The commands as a user types them, with a report path that slips onto a job's file. Before, each of these replaced
// the file named: the reference with JSON, the input with a PNG, a library's only copy with the run's report.
using System.Security.Cryptography;

namespace Ovni.Tests.Cli;

public sealed class ReportPathCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Clip(string name, int crf = 18)
    {
        string path = _temp.File(name);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", crf.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private string[] Entries() => Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)!).Order().ToArray();

    [Fact]
    public void Vmaf_refuses_a_json_or_chart_path_that_is_one_of_its_inputs_and_leaves_both_untouched()
    {
        string reference = Clip("ref.mp4", 10), distorted = Clip("dist.mp4", 40);
        string before = Hash(reference) + Hash(distorted);
        if (!OperatingSystem.IsWindows()) File.CreateSymbolicLink(_temp.File("chart.png"), distorted);

        var (jsonCode, _, jsonErr) = CliTests.Ovni(null, "vmaf", reference, distorted, "--json", reference);
        Assert.Equal(1, jsonCode);
        Assert.Contains($"Cannot write the report '{reference}': it is '{reference}', another file of this job", jsonErr);
        if (!OperatingSystem.IsWindows())
        {
            var (plotCode, _, plotErr) = CliTests.Ovni(null, "vmaf", reference, distorted, "--plot", _temp.File("chart.png"));
            Assert.Equal(1, plotCode);
            Assert.Contains("under another name", plotErr);
        }

        Assert.Equal(before, Hash(reference) + Hash(distorted));
        // With free names both are written, and nothing else is left.
        var (code, _, err) = CliTests.Ovni(null, "vmaf", reference, distorted, "--json", _temp.File("s.json"), "--plot", _temp.File("s.png"));
        Assert.True(code == 0, err);
        Assert.Equal(OperatingSystem.IsWindows() ? ["dist.mp4", "ref.mp4", "s.json", "s.png"] : ["chart.png", "dist.mp4", "ref.mp4", "s.json", "s.png"], Entries());
    }

    [Fact]
    public void Crf_search_and_encode_refuse_a_chart_over_their_input_or_output_before_any_probe()
    {
        string input = Clip("in.mp4");
        string before = Hash(input);
        string output = _temp.File("out.mkv");
        File.WriteAllText(output, "an earlier file the user keeps");

        var (searchCode, _, searchErr) = CliTests.Ovni(null, "crf-search", input, "--encoder", "libx264", "--preset", "ultrafast", "--cache", "none", "--plot", input);
        var (encodeCode, _, encodeErr) = CliTests.Ovni(null, "encode", input, output, "--encoder", "libx264", "--preset", "ultrafast", "--cache", "none", "--plot", output);

        Assert.Equal(1, searchCode);
        Assert.Contains("another file of this job", searchErr);
        Assert.Equal(1, encodeCode);
        Assert.Contains($"Cannot write the report '{output}'", encodeErr);
        Assert.DoesNotContain("probe", searchErr + encodeErr); // refused before the search started
        Assert.Equal(before, Hash(input));
        Assert.Equal("an earlier file the user keeps", File.ReadAllText(output));
        Assert.Equal(["in.mp4", "out.mkv"], Entries());
    }

    [Fact]
    public void Auto_encode_refuses_a_report_or_log_path_over_a_file_of_the_library_before_it_starts()
    {
        string library = Directory.CreateDirectory(_temp.File("library")).FullName;
        string film = Path.Combine(library, "film.mp4");
        File.Move(Clip("film.mp4"), film);
        string before = Hash(film);

        var (reportCode, _, reportErr) = CliTests.Ovni(null, "auto-encode", library, "--db", _temp.File("queue.db"), "--report", film, "--json");
        var (logCode, _, logErr) = CliTests.Ovni(null, "auto-encode", library, "--db", _temp.File("queue.db"), "--log", film, "--json");

        Assert.Equal(1, reportCode);
        Assert.Contains("binary data, such as a video", reportErr);
        Assert.Equal(1, logCode);
        Assert.Contains($"Cannot write the report '{film}'", logErr);
        Assert.Contains("binary data, such as a video", logErr);
        Assert.Equal(before, Hash(film));
        Assert.Equal(["film.mp4"], Directory.GetFileSystemEntries(library).Select(p => Path.GetFileName(p)!));
    }
}
