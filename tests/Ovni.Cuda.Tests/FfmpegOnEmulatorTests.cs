// FFmpeg's own CUDA hw device (hwcontext_cuda) running on the emulator: the ffmpeg CLI uploads frames to
// "device" memory and downloads them again; the frames must come back bit-exact and every allocation
// must be freed by exit (the emulator writes its counters to OVNI_CUDA_EMU_REPORT at exit).
using System.Diagnostics;

namespace Ovni.Cuda.Tests;

public sealed class FfmpegOnEmulatorTests
{
    [Theory]
    [InlineData("nv12")]
    [InlineData("yuv420p")]
    public async Task Hwupload_hwdownload_round_trip_is_bit_exact_and_frees_everything(string pixelFormat)
    {
        CudaTestEnvironment.RequireEmulator();
        string report = Path.Combine(Path.GetTempPath(), $"ovni-emu-report-{Guid.NewGuid():N}.txt");
        const string source = "testsrc2=s=1280x720:d=1";
        try
        {
            (int softwareExit, string software, _) = await RunFfmpegAsync(
                $"-v error -f lavfi -i {source} -vf format={pixelFormat} -f framemd5 -", withEmulator: false, report);
            (int deviceExit, string device, string deviceErrors) = await RunFfmpegAsync(
                $"-v error -init_hw_device cuda=cu -filter_hw_device cu -f lavfi -i {source} " +
                $"-vf format={pixelFormat},hwupload,hwdownload,format={pixelFormat} -f framemd5 -", withEmulator: true, report);

            Assert.Equal(0, softwareExit);
            Assert.True(deviceExit == 0, "ffmpeg on the emulator failed: " + deviceErrors);
            string[] expected = FrameHashes(software);
            Assert.Equal(25, expected.Length);
            Assert.Equal(expected, FrameHashes(device));
            Dictionary<string, long> counters = ReadReport(report);
            Assert.Equal(1, counters["initialized"]);
            Assert.True(counters["allocations_made"] >= 1, "frames did not go through emulated device memory");
            Assert.Equal(0, counters["live_allocations"]);
            Assert.Equal(0, counters["live_bytes"]);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task A_failing_cuInit_makes_ffmpeg_report_an_error_instead_of_crashing()
    {
        CudaTestEnvironment.RequireEmulator();
        string report = Path.Combine(Path.GetTempPath(), $"ovni-emu-report-{Guid.NewGuid():N}.txt");
        try
        {
            (int exit, _, string errors) = await RunFfmpegAsync(
                "-v error -init_hw_device cuda=cu -f lavfi -i testsrc2=d=0.1 -f null -", withEmulator: true, report,
                ("OVNI_CUDA_EMU_FAIL_INIT", "1"));

            Assert.NotEqual(0, exit);
            Assert.InRange(exit, 1, 127);  // an error exit, not a signal
            Assert.Contains("cuInit", errors);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static string[] FrameHashes(string framemd5) =>
        framemd5.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .ToArray();

    private static Dictionary<string, long> ReadReport(string path)
    {
        Assert.True(File.Exists(path), "the emulator wrote no exit report: was libcuda.so.1 from native/build/lib loaded?");
        return File.ReadAllLines(path)
            .Select(line => line.Split('='))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(int Exit, string Output, string Errors)> RunFfmpegAsync(
        string arguments, bool withEmulator, string report, params (string Name, string Value)[] extraEnvironment)
    {
        var start = new ProcessStartInfo("ffmpeg", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (withEmulator)
        {
            start.Environment["LD_LIBRARY_PATH"] = CudaTestEnvironment.NativeDirectory;
            start.Environment["OVNI_CUDA_EMU_REPORT"] = report;
        }
        foreach ((string name, string value) in extraEnvironment)
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("the ffmpeg command-line tool is not installed");
            throw;
        }
        using (process)
        {
            CancellationToken cancellation = TestContext.Current.CancellationToken;
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellation);
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellation);
            await process.WaitForExitAsync(cancellation);
            return (process.ExitCode, await output, await errors);
        }
    }
}
