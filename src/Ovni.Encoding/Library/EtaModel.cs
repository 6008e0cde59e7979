using System.Globalization;

namespace Ovni.Encoding.Library;

/// <summary>
/// Learns how fast files encode, per (encoder, preset, resolution class, complexity), by exponential smoothing of the
/// seconds per frame that finished encodes took, and keeps it in the queue database so estimates improve run after run.
/// Until a key has history a rough prior (scaled by pixels) stands in, and the estimate says it is a guess.
/// Complexity is the source's bits per pixel (low / mid / high).
/// SEAM (issue 13, branch `target-quality`): use scene density from <c>Ovni.Scenes.SceneDetector</c> as the complexity once merged.
/// </summary>
internal sealed class EtaModel
{
    internal const double Alpha = 0.3;
    private readonly JobStore _store;
    private readonly Dictionary<string, (double SecondsPerFrame, int Samples)> _speeds;
    private readonly Lock _gate = new();

    internal EtaModel(JobStore store)
    {
        _store = store;
        _speeds = store.LoadEta();
    }

    internal static string Key(string encoder, string? preset, int width, int height, string complexity) =>
        $"{encoder}|{preset ?? "default"}|{Resolution.Name(Resolution.Classify(width, height))}|{complexity}";

    internal static string Complexity(MediaInfo info, long size)
    {
        VideoStreamInfo? v = info.Video;
        if (v is null || v.Width == 0 || v.Height == 0) return "mid";
        double fps = v.FrameRate.IsValid ? v.FrameRate.ToDouble() : 25;
        double bpp = FileFilter.VideoBitRate(info, size) / (v.Width * (double)v.Height * fps);
        return bpp < 0.05 ? "low" : bpp < 0.15 ? "mid" : "high";
    }

    /// <summary>Seconds per frame for a key, and whether it is a prior guess.</summary>
    internal (double SecondsPerFrame, bool Guess) SecondsPerFrame(string key, string encoder, int width, int height)
    {
        lock (_gate)
            if (_speeds.TryGetValue(key, out var learned)) return (learned.SecondsPerFrame, false);
        double megapixels = width * (double)height / 1e6;
        double perMegapixel = encoder switch
        {
            var e when e.Contains("nvenc", StringComparison.Ordinal) => 0.002,
            "libx264" => 0.01,
            "libsvtav1" => 0.04,
            "libaom-av1" => 0.5,
            _ => 0.06,
        };
        return (megapixels * perMegapixel, true);
    }

    /// <summary>Folds one finished encode into the key's smoothed speed and stores it.</summary>
    internal double Learn(string key, long frames, TimeSpan elapsed)
    {
        if (frames <= 0 || elapsed <= TimeSpan.Zero) return 0;
        double observed = elapsed.TotalSeconds / frames;
        double value;
        int samples;
        lock (_gate)
        {
            (double previous, int n) = _speeds.TryGetValue(key, out var s) ? s : (observed, 0);
            value = n == 0 ? observed : Alpha * observed + (1 - Alpha) * previous;
            samples = n + 1;
            _speeds[key] = (value, samples);
        }
        _store.SaveEta(key, value, samples);
        return value;
    }

    /// <summary>Estimated encode time of a queued file (probed or not: unprobed files count by size at the mean bytes per second seen).</summary>
    internal (TimeSpan Eta, bool Guess) Estimate(QueueEntry entry, string encoder, string? preset)
    {
        if (entry is { Frames: long frames, Width: int w, Height: int h, EtaKey: string key })
        {
            var (spf, guess) = SecondsPerFrame(key, encoder, w, h);
            return (TimeSpan.FromSeconds(frames * spf), guess);
        }
        // Not probed yet: assume a 1080p file at 5 Mb/s and 24 fps for its size, a guess the scan will replace.
        double assumedFrames = entry.Size * 8 / 5e6 * 24;
        var (perFrame, _) = SecondsPerFrame("", encoder, 1920, 1080);
        return (TimeSpan.FromSeconds(assumedFrames * perFrame), true);
    }

    internal IReadOnlyDictionary<string, (double SecondsPerFrame, int Samples)> Snapshot()
    {
        lock (_gate) return new Dictionary<string, (double, int)>(_speeds);
    }

    internal static string Describe(double secondsPerFrame) => (1 / secondsPerFrame).ToString("0.0", CultureInfo.InvariantCulture) + " fps";
}
