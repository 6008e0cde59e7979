using System.Security.Cryptography;
using Ovni.IO;

namespace Ovni.Tests.Safety;

/// <summary>
/// Found by trying the tool as a newcomer: <c>ovni vmaf ref.mp4 d.mp4 --json ref.mp4</c> replaced the reference with JSON,
/// and <c>ovni crf-search d.mp4 --plot d.mp4</c> replaced the input with a PNG. Charts and reports now go through
/// <see cref="ReportFile"/>: never over a job's file, never over a file of another kind, whole or not at all.
/// </summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string SmallClip(string name = "x.mp4")
    {
        string path = _temp.File(name);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void WriteText(string path, ReportFileKind kind, string text, params ReadOnlySpan<string?> jobFiles)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        ReportFile.Write(path, kind, s => s.Write(bytes), jobFiles);
    }

    private static void WriteJson(string path, params ReadOnlySpan<string?> jobFiles) => WriteText(path, ReportFileKind.Json, "{\"frames\": []}", jobFiles);

    private string[] Entries() => Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)!).Order().ToArray();

    [Fact]
    public void A_report_is_never_written_over_a_file_of_its_job_by_its_path_or_through_a_link()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Symbolic links need privileges on Windows.");
        string source = SmallClip();
        string before = Hash(source);
        File.CreateSymbolicLink(_temp.File("link.json"), source);
        FFmpegCli.Run("ln", source, _temp.File("hard.json")); // a name a report could have, for the source's inode

        foreach (string name in new[] { "x.mp4", "link.json", "hard.json" })
        {
            var e = Assert.Throws<OvniException>(() => WriteJson(_temp.File(name), source));
            Assert.Contains("another file of this job", e.Message);
            Assert.Equal(_temp.File(name), e.FilePath);
        }
        Assert.Contains("under another name", Assert.Throws<OvniException>(() => WriteJson(_temp.File("link.json"), source)).Message);
        Assert.Equal(before, Hash(source));
        Assert.Equal(["hard.json", "link.json", "x.mp4"], Entries()); // no hidden file left
    }

    [Fact]
    public void Two_reports_of_one_job_asked_for_at_one_new_name_are_refused()
    {
        string both = _temp.File("r.json");
        var e = Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(both, ReportFileKind.Png, "in.mp4", both));
        Assert.Contains("another file of this job", e.Message);
        Assert.Empty(Entries());
    }

    [Fact]
    public void A_file_this_process_is_reading_is_refused_though_the_caller_did_not_name_it()
    {
        string source = SmallClip();
        using (MediaReader.Open(source))
        {
            var e = Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(source, ReportFileKind.Json));
            Assert.Contains("an input this process is reading", e.Message);
        }
    }

    [Fact]
    public void Only_a_file_of_the_same_kind_is_replaced()
    {
        string video = SmallClip("movie.mkv");
        string before = Hash(video);
        foreach (ReportFileKind kind in Enum.GetValues<ReportFileKind>())
        {
            var e = Assert.Throws<OvniException>(() => ReportFile.Write(video, kind, s => s.Write("x"u8)));
            Assert.Contains("binary data, such as a video", e.Message);
        }
        Assert.Equal(before, Hash(video));

        string json = _temp.File("old.json"), png = _temp.File("old.png"), log = _temp.File("old.log"), empty = _temp.File("empty");
        File.WriteAllText(json, "\uFEFF  \n[1, 2]");
        File.WriteAllBytes(png, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        File.WriteAllText(log, "2026-12-07 run started\n");
        File.Create(empty).Dispose();

        Assert.Contains("it holds JSON", Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(json, ReportFileKind.Png)).Message);
        Assert.Contains("it holds a PNG image", Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(png, ReportFileKind.Json)).Message);
        Assert.Contains("it holds text", Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(log, ReportFileKind.Json)).Message);
        Assert.Contains("is a folder", Assert.Throws<OvniException>(() => ReportFile.EnsureWritable(_temp.Path, ReportFileKind.Json)).Message);

        WriteJson(json);
        Assert.Equal("{\"frames\": []}", File.ReadAllText(json));
        ReportFile.Write(png, ReportFileKind.Png, s => s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1]));
        Assert.Equal(9, new FileInfo(png).Length);
        WriteText(log, ReportFileKind.Text, "new log\n"); // a log may replace text
        WriteText(json, ReportFileKind.Text, "text over JSON\n"); // and JSON
        WriteJson(empty);
        Assert.Equal("{\"frames\": []}", File.ReadAllText(empty));
    }

    [Fact]
    public void The_public_writer_tells_the_kind_from_the_content_and_holds_to_it()
    {
        string chart = _temp.File("chart.png");
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 7];
        MediaWriter.WriteReport(chart, png);
        Assert.Equal(png, File.ReadAllBytes(chart));

        // JSON over the chart: refused at the write, though the up-front check (kind not known yet) lets a report replace a report.
        MediaWriter.EnsureReportWritable(chart);
        Assert.Contains("it holds a PNG image", Assert.Throws<OvniException>(() => MediaWriter.WriteReport(chart, "{}"u8)).Message);
        Assert.Throws<ArgumentException>(() => MediaWriter.WriteReport(_temp.File("x.bin"), [0x1A, 0x45, 0xDF, 0xA3, 0]));
        string video = SmallClip();
        Assert.Contains("is not a report (it holds binary data, such as a video)", Assert.Throws<OvniException>(() => MediaWriter.EnsureReportWritable(video)).Message);
        Assert.Equal(png, File.ReadAllBytes(chart));
        Assert.Equal(["chart.png", "x.mp4"], Entries());
    }

    [Fact]
    public void A_write_that_fails_leaves_the_old_report_whole_and_no_hidden_file()
    {
        string report = _temp.File("scores.json");
        File.WriteAllText(report, "{\"old\": 1}");

        var e = Assert.Throws<OvniException>(() => ReportFile.Write(report, ReportFileKind.Json, s =>
        {
            s.Write("{\"new\": "u8);
            throw new IOException("No space left on device");
        }));

        Assert.Contains("No space left on device", e.Message);
        Assert.Contains("'" + report + "'", e.Message);
        Assert.Equal("{\"old\": 1}", File.ReadAllText(report));
        Assert.Equal(["scores.json"], Entries());
    }

    [Fact]
    public void A_missing_folder_is_refused_as_for_a_media_output()
    {
        string report = Path.Combine(_temp.Path, "reprots", "r.json");
        var e = Assert.Throws<OvniException>(() => WriteJson(report));
        Assert.Contains("does not exist", e.Message);
        Assert.Empty(Entries());
    }

    [Fact]
    public void Text_cut_inside_a_character_at_the_end_of_the_sniffed_head_is_still_text()
    {
        byte[] head = System.Text.Encoding.UTF8.GetBytes(new string('a', 4094) + "é€");
        Assert.Equal("text", ReportFile.Sniff(head.AsSpan(0, 4096))); // 'é' whole, '€' cut after its first byte
        Assert.Equal("text", ReportFile.Sniff(head.AsSpan(0, 4095))); // 'é' cut
        Assert.Equal("binary data, such as a video", ReportFile.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x00]));
        Assert.Equal("binary data, such as a video", ReportFile.Sniff([0xFF, 0xFE, 0x41]));
    }
}
