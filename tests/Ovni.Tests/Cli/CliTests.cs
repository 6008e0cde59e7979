using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
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
    public void An_empty_file_name_is_a_parse_error_that_names_it_not_a_bug()
    {
        // A script whose variable was unset passes "": it reached the library and ended in "this is a bug".
        using var temp = new TempDirectory();
        string clip = temp.File("in.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", clip);

        var (outputCode, _, outputErr) = Ovni(null, "transcode", clip, "");
        var (plotCode, _, plotErr) = Ovni(null, "vmaf", clip, clip, "--plot", "");
        var (inputCode, _, inputErr) = Ovni(null, "encode", " ", temp.File("out.mkv"));

        Assert.Equal(1, outputCode);
        Assert.Contains("The <output> argument is empty.", outputErr);
        Assert.Equal(1, plotCode);
        Assert.Contains("--plot was given an empty value.", plotErr);
        Assert.Equal(1, inputCode);
        Assert.Contains("The <input> argument is empty.", inputErr);
        Assert.DoesNotContain("bug", outputErr + plotErr + inputErr);
        // Where "" is a value it still is: no cuts, chunks by length only.
        var (cutsCode, _, cutsErr) = Ovni(null, "chunked", clip, temp.File("chunked.mkv"), "--encoder", "libx264", "--preset", "ultrafast", "--cuts", "", "--max-chunk", "2", "--json");
        Assert.True(cutsCode == 0, cutsErr);
        File.Delete(temp.File("chunked.mkv"));
        Assert.Equal(["in.mp4"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
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
    public void Transcode_to_mp4_names_the_stream_it_cannot_hold_and_drops_or_re_encodes_it_when_asked()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        using var temp = new TempDirectory();
        string short2s = temp.File("short.webm");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", clip, "-t", "2", "-c", "copy", short2s);
        string output = temp.File("out.mp4");
        var (code, _, stderr) = Ovni(null, "transcode", short2s, output, "--preset", "ultrafast", "--json");
        Assert.Equal(1, code);
        Assert.StartsWith("ovni: error: Cannot put stream 1 (vorbis audio)", stderr);
        Assert.False(File.Exists(output));

        var (aacCode, _, aacErr) = Ovni(null, "transcode", short2s, output, "--preset", "ultrafast", "--audio-codec", "aac", "--json");
        Assert.True(aacCode == 0, aacErr);
        Assert.Equal("aac", Assert.Single(MediaReader.Probe(output).AudioStreams).Codec);

        var (dropCode, dropOut, dropErr) = Ovni(null, "transcode", short2s, output, "--preset", "ultrafast", "--drop-unsupported", "--json");
        Assert.True(dropCode == 0, dropErr);
        Assert.Contains("vorbis", dropOut); // skipped_streams in the JSON
        Assert.Empty(MediaReader.Probe(output).AudioStreams);
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

    [Fact]
    public void Vmaf_without_a_model_scores_VMAF_with_the_built_in_model_and_says_so()
    {
        string clip = TestMedia.Require("tears-of-steel-battle-clip-medium.webm");
        string model = TestMedia.RequireShared(Path.Combine("vmaf", "models", "vmaf_v0.6.1.json"));
        using var temp = new TempDirectory();
        string reference = temp.File("ref.mkv"), distorted = temp.File("dist.mp4");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", "6", "-vf", "scale=320:180", "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", reference, "-c:v", "libx264", "-crf", "40", distorted);
        var none = new Dictionary<string, string> { ["OVNI_VMAF_MODEL"] = "" };

        var (code, stdout, stderr) = Ovni(none, "vmaf", reference, distorted, "--json", temp.File("builtin.json"));
        Assert.True(code == 0, stderr);
        Assert.Contains("VMAF model: vmaf_v0.6.1 (built in)", stdout);
        Assert.Matches(@"\bvmaf\b", stdout);
        Assert.DoesNotContain("PSNR and SSIM only", stdout + stderr);
        var (fileCode, _, fileErr) = Ovni(none, "vmaf", reference, distorted, "--model", model, "--json", temp.File("file.json"));
        Assert.True(fileCode == 0, fileErr);
        using JsonDocument builtIn = JsonDocument.Parse(File.ReadAllText(temp.File("builtin.json")));
        using JsonDocument fromFile = JsonDocument.Parse(File.ReadAllText(temp.File("file.json")));
        Assert.Equal(fromFile.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf").ToString(),
            builtIn.RootElement.GetProperty("pooled_metrics").GetProperty("vmaf").ToString());
    }

    [Fact]
    public void Version_names_the_simd_tier_that_the_runtime_switches_select()
    {
        if (!X86Base.IsSupported) Assert.Skip("The DOTNET_Enable* tier switches are the x86 ones.");
        // Each child gets exactly the switches named (the test's own environment may carry some).
        string Tier(params string[] switches)
        {
            var env = new Dictionary<string, string>();
            foreach (string name in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableAVX" }) env[name] = "1";
            foreach (string name in switches) env[name] = "0";
            var (code, stdout, stderr) = Ovni(env, "--version");
            Assert.True(code == 0, stderr);
            string line = stdout.Split('\n').Single(l => l.StartsWith("SIMD: ", StringComparison.Ordinal));
            return line["SIMD: ".Length..].Trim();
        }

        bool switchedHere = new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableAVX" }.Any(n => Environment.GetEnvironmentVariable(n) == "0");
        if (!switchedHere) Assert.Equal(ComputeDevice.CpuSimdTier, Tier());
        if (Avx2.IsSupported) Assert.Equal("AVX2", Tier("DOTNET_EnableAVX512"));
        Assert.Equal(Sse42.IsSupported ? "128-bit (SSE4.2)" : "128-bit (SSE2)", Tier("DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableAVX"));
    }
}
