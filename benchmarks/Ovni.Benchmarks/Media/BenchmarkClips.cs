using System.Diagnostics;

namespace Ovni.Benchmarks.Media;

/// <summary>
/// The 1080p H.264 clip the media benchmarks decode: made once from the shared Sintel footage
/// (real content, CC-BY Blender Foundation) or, without it, from FFmpeg's test pattern.
/// </summary>
internal static class BenchmarkClips
{
    internal static string H264_1080p()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ovni-bench");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "bench-1080p-h264.mp4");
        if (File.Exists(path)) return path;
        string? sintel = FindShared("media/sintel_1080_10s_av1.mp4");
        string[] input = sintel is not null
            ? ["-i", sintel, "-vf", "scale=1920:1080,setsar=1"]
            : ["-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=10"];
        Run("ffmpeg", ["-v", "error", "-y", .. input, "-c:v", "libx264", "-preset", "medium", "-crf", "20", "-an", path]);
        return path;
    }

    private static string? FindShared(string relative)
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "..", "shared", relative);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static void Run(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed with {p.ExitCode}");
    }
}
