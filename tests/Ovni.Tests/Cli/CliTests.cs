using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Tests.Cli;

/// <summary>The ovni tool as a user runs it: a separate process, exit codes, JSON, one-line errors.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Ovni(IDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ovni.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) start.Environment[k] = v;
        using Process p = Process.Start(start)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    [Fact]
    public void Probe_json_describes_the_file()
    {
        string clip = TestMedia.Require("sample_with_srt.mkv");
        var (code, output, _) = Ovni(null, "probe", clip, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement video = json.RootElement.GetProperty("video");
        Assert.Equal("h264", video.GetProperty("codec").GetString());
        Assert.Equal(1080, video.GetProperty("width").GetInt32());
        Assert.Equal("ac3", json.RootElement.GetProperty("audio_streams")[0].GetProperty("codec").GetString());
    }

    [Fact]
    public void Transcode_json_reports_frames_and_writes_the_file()
    {
        string clip = TestMedia.Require("sample_with_srt.mkv");
        using var temp = new TempDirectory();
        string output = temp.File("out.mkv");
        var (code, stdout, stderr) = Ovni(null, "transcode", clip, output, "--codec", "h264", "--crf", "30", "--preset", "ultrafast", "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(FFmpegCli.CountFrames(clip), json.RootElement.GetProperty("frames").GetInt32());
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Bad_input_is_one_line_on_stderr_and_exit_code_1()
    {
        var (code, stdout, stderr) = Ovni(null, "transcode", "/nonexistent/in.mp4", "/tmp/never.mp4", "--json");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("ovni: error: Media file not found: '/nonexistent/in.mp4'", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public void Missing_ffmpeg_says_what_was_tried_and_how_to_install_it()
    {
        string clip = TestMedia.Require("sample_with_srt.mkv");
        var (code, _, stderr) = Ovni(new Dictionary<string, string> { ["OVNI_FFMPEG_DIR"] = "/nonexistent-ffmpeg" }, "probe", clip);
        Assert.Equal(1, code);
        Assert.Contains("FFmpeg's shared libraries were not found", stderr);
        Assert.Contains("/nonexistent-ffmpeg/libavutil.so.57", stderr); // FFmpeg 5.1's libavutil, the first library probed
        Assert.Contains("apt-get install ffmpeg", stderr);
    }
}
