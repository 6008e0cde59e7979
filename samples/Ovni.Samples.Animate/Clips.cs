using System.Diagnostics;
using Ovni;

/// <summary>Where the demos' footage comes from: the workplace's shared clips, or clips the ffmpeg tool generates.</summary>
internal static class Clips
{
    /// <summary>A clip from the workplace's ../shared/media, looked for above the working directory and the program.</summary>
    internal static string? Find(string name)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "..", "shared", "media", name);
                if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            }
        return null;
    }

    /// <summary>Without the shared footage: a 10 s clip with a tone, made by the ffmpeg tool.</summary>
    internal static string Generate(string name, string pattern)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ovni-demo-{name}.mp4");
        if (File.Exists(path)) return path;
        string video = pattern == "mandelbrot" ? "mandelbrot=s=960x540:r=25" : "testsrc2=s=1280x720:r=25";
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false };
        foreach (string arg in new[] { "-v", "error", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", "sine=frequency=330",
                     "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", "-shortest", path })
            start.ArgumentList.Add(arg);
        using Process p = Process.Start(start)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not generate the demo clip.");
        return path;
    }

    internal static async Task<GpuFrame> FirstAsync(IAsyncEnumerable<GpuFrame> frames)
    {
        await foreach (GpuFrame frame in frames)
            return frame;
        throw new InvalidOperationException("No frame.");
    }
}
