// Why: FFmpeg's own filters are the yardstick users compare Ovni against; tests feed raw planes through
// the ffmpeg CLI and read raw planes back.
using System.Diagnostics;

namespace Ovni.Kernels.Tests;

internal static class Ffmpeg
{
    public static string Require()
    {
        return TestEnvironment.FindProgram("ffmpeg") ?? throw SkipException();
    }

    private static Exception SkipException()
    {
        Assert.Skip("The ffmpeg CLI is not installed (apt-get install ffmpeg).");
        return new InvalidOperationException();
    }

    /// <summary>Runs ffmpeg with the given arguments (inputs/outputs as temp file paths) and fails on a non-zero exit.</summary>
    public static void Run(params string[] args)
    {
        var info = new ProcessStartInfo(Require(), ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', args)} failed: {errors}");
    }

    /// <summary>Max absolute difference and how many samples differ at all.</summary>
    public static (int Max, int Differing, int Total) Compare(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int max = 0, differing = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = Math.Abs(expected[i] - actual[i]);
            max = Math.Max(max, d);
            differing += d > 0 ? 1 : 0;
        }

        return (max, differing, expected.Length);
    }
}
