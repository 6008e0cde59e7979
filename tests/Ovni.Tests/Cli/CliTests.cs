using System.Diagnostics;
using System.Text.Json;

namespace Ovni.Tests.Cli;

/// <summary>The ovni tool as a user runs it: a separate process, exit codes, JSON, one-line errors.</summary>
public class CliTests
{
    internal static (int Code, string Out, string Err) Ovni(IDictionary<string, string>? env, params string[] args)
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

    [Fact]
    public void Vmaf_on_cuda_without_a_driver_fails_with_the_reason()
    {
        var (code, stdout, stderr) = Ovni(new Dictionary<string, string> { ["OVNI_CUDA_LIBRARY"] = "/nonexistent/libcuda.so.1" },
            "vmaf", "/nonexistent/ref.mp4", "/nonexistent/dist.mp4", "--device", "cuda");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("ovni: error: DeviceKind.Cuda was requested but CUDA is not available", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Vmaf_on_the_cuda_emulator_prints_the_cpu_scores()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        string model = TestMedia.RequireShared(Path.Combine("vmaf", "models", "vmaf_v0.6.1.json"));
        string native = Path.Combine(TestMedia.RepositoryRoot, "native", "build", "lib");
        Assert.True(File.Exists(Path.Combine(native, "libcuda.so.1")), $"native libraries missing in '{native}': run scripts/build-native.sh first");
        using var temp = new TempDirectory();
        string reference = temp.File("ref.mkv"), distorted = temp.File("dist.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", "6", "-vf", "scale=320:180", "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", reference, "-c:v", "libx264", "-crf", "40", distorted);
        var emulator = new Dictionary<string, string>
        {
            ["OVNI_CUDA_LIBRARY"] = Path.Combine(native, "libcuda.so.1"),
            ["OVNI_CUDA_EMU_KERNELS"] = Path.Combine(native, "libovni_kernels_host.so"),
        };
        var (cpuCode, _, cpuErr) = Ovni(emulator, "vmaf", reference, distorted, "--model", model, "--json", temp.File("cpu.json"));
        Assert.True(cpuCode == 0, cpuErr);
        var (gpuCode, gpuOut, gpuErr) = Ovni(emulator, "vmaf", reference, distorted, "--model", model, "--json", temp.File("gpu.json"), "--device", "cuda");
        Assert.True(gpuCode == 0, gpuErr);
        Assert.Contains("6 frames scored", gpuOut);
        Assert.Contains("emulator", gpuOut); // scored on the CUDA device, not silently on the CPU
        using JsonDocument cpu = JsonDocument.Parse(File.ReadAllText(temp.File("cpu.json")));
        using JsonDocument gpu = JsonDocument.Parse(File.ReadAllText(temp.File("gpu.json")));
        Assert.Equal(6, gpu.RootElement.GetProperty("frames").GetArrayLength());
        Assert.Equal(cpu.RootElement.GetProperty("frames").ToString(), gpu.RootElement.GetProperty("frames").ToString());
        Assert.Equal(cpu.RootElement.GetProperty("pooled_metrics").ToString(), gpu.RootElement.GetProperty("pooled_metrics").ToString());
    }
}
