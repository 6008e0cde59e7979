using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ovni;

/// <summary>Where the demo's footage comes from, and the small stream helpers it uses.</summary>
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

    /// <summary>Any decoded layout to 8-bit 4:2:0, which every operation and encoder in the demo takes.</summary>
    internal static async IAsyncEnumerable<GpuFrame> ToYuv420P(this IAsyncEnumerable<GpuFrame> frames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var converter = new FrameConverter(PixelFormat.Yuv420P);
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken))
        {
            if (frame.Format == PixelFormat.Yuv420P) { yield return frame; continue; }
            GpuFrame converted;
            using (frame) converted = converter.Convert(frame);
            yield return converted;
        }
    }

    /// <summary>Scales to fit inside width×height keeping the aspect ratio, then pads with black (letterbox).</summary>
    internal static async IAsyncEnumerable<GpuFrame> Fit(this IAsyncEnumerable<GpuFrame> frames, int width, int height, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken))
        {
            if (frame.Width == width && frame.Height == height) { yield return frame; continue; }
            double scale = Math.Min((double)width / frame.Width, (double)height / frame.Height);
            int w = Math.Max(2, (int)Math.Round(frame.Width * scale / 2) * 2), h = Math.Max(2, (int)Math.Round(frame.Height * scale / 2) * 2);
            GpuFrame scaled, padded;
            using (frame) scaled = frame.Scale(w, h, ScaleFilter.Bicubic);
            using (scaled) padded = scaled.Pad(width, height, (width - w) / 2 / 2 * 2, (height - h) / 2 / 2 * 2, RgbaColor.Black);
            yield return padded;
        }
    }
}
