// Where the samples go, in tiers: one per distinct scene (longest and busiest first) when the detector finds scenes;
// else at even intervals, skipping the first and last 5 % (intro and credits look like nothing else); the whole file when
// the samples would cover most of it anyway. Each sample carries the share of the file it stands for: scenes without a
// sample are given to the sampled scene most like them (by busyness), so the prediction is a stratified estimate.
using Ovni.Scenes;

namespace Ovni.Encoding;

internal static class SamplePlanner
{
    internal static (SamplePlacement Placement, IReadOnlyList<SampleSpan> Samples) Plan(long frames, double fps, TargetQualityOptions options,
        SceneDetectionResult? scenes)
    {
        double duration = frames / fps;
        int sampleFrames = Math.Max(2, (int)Math.Round(options.SampleDuration.TotalSeconds * fps));
        int count = options.SampleCount > 0 ? options.SampleCount : Math.Clamp((int)Math.Round(duration / 20), 4, 12);
        if (options.Placement == SamplePlacement.WholeFile || (long)count * sampleFrames >= 0.6 * frames)
            return (SamplePlacement.WholeFile, [new SampleSpan(TimeSpan.Zero, (int)Math.Min(frames, int.MaxValue), 1)]);

        if (options.Placement != SamplePlacement.EvenIntervals && scenes is { Scenes.Count: > 1 })
            return (SamplePlacement.Scenes, FromScenes(scenes, count, sampleFrames, fps));

        var samples = new List<SampleSpan>();
        long first = (long)(frames * 0.05), last = (long)(frames * 0.95) - sampleFrames;
        for (int i = 0; i < count; i++)
        {
            long start = count == 1 ? (first + last) / 2 : first + (last - first) * i / (count - 1);
            samples.Add(new SampleSpan(TimeSpan.FromSeconds(start / fps), sampleFrames, 1.0 / count));
        }
        return (SamplePlacement.EvenIntervals, samples);
    }

    private static List<SampleSpan> FromScenes(SceneDetectionResult result, int count, int sampleFrames, double fps)
    {
        // Busyness: mean luma difference inside the scene (motion, detail changes).
        var scenes = result.Scenes.Select(s => (Scene: s, Busy: Busyness(result, s))).ToList();
        var chosen = scenes.Where(s => s.Scene.FrameCount >= Math.Min(sampleFrames, fps * 0.5))
            .OrderByDescending(s => s.Scene.FrameCount * (1 + s.Busy / 4)).Take(count).ToList();
        if (chosen.Count == 0) chosen = scenes.OrderByDescending(s => s.Scene.FrameCount).Take(1).ToList();
        var weights = new double[chosen.Count];
        foreach (var scene in scenes)
        {
            int nearest = 0;
            for (int i = 1; i < chosen.Count; i++)
                if (Math.Abs(chosen[i].Busy - scene.Busy) < Math.Abs(chosen[nearest].Busy - scene.Busy)) nearest = i;
            weights[nearest] += scene.Scene.FrameCount;
        }
        double total = weights.Sum();
        var samples = new List<SampleSpan>();
        for (int i = 0; i < chosen.Count; i++)
        {
            Scene scene = chosen[i].Scene;
            int length = (int)Math.Min(sampleFrames, scene.FrameCount);
            long startFrame = scene.StartFrame + (scene.FrameCount - length) / 2;
            TimeSpan start = startFrame < result.FrameTimes.Count ? result.FrameTimes[(int)startFrame] : TimeSpan.FromSeconds(startFrame / fps);
            samples.Add(new SampleSpan(start, length, weights[i] / total));
        }
        samples.Sort((a, b) => a.Start.CompareTo(b.Start));
        return samples;
    }

    private static double Busyness(SceneDetectionResult result, Scene scene)
    {
        double sum = 0;
        long n = 0;
        for (long f = scene.StartFrame + 1; f < scene.EndFrame && f < result.Differences.Count; f++, n++) sum += result.Differences[(int)f];
        return n > 0 ? sum / n : 0;
    }
}
