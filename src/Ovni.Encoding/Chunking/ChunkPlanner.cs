namespace Ovni.Encoding;

/// <summary>
/// Turns scene starts into chunks: scenes shorter than <see cref="ChunkPlanOptions.MinSeconds"/> join a neighbour,
/// scenes longer than <see cref="ChunkPlanOptions.MaxSeconds"/> are split into near-equal parts, each border moved to
/// the calmest frame near its ideal place (least change around it, measured by the size of the surrounding inter-coded
/// packets; a new key frame costs least where little moves).
/// </summary>
public static class ChunkPlanner
{
    /// <summary>Plans chunks over <paramref name="timeline"/> from scene starts <paramref name="cuts"/>.</summary>
    /// <param name="timeline">The source's frames.</param>
    /// <param name="cuts">Frames where scenes start.</param>
    /// <param name="options">Shortest and longest chunk.</param>
    /// <param name="activity">
    /// How much changes at each frame (lower = calmer, a better place to split a long scene), one value per frame;
    /// null measures it from the packet sizes of the frame and its neighbours.
    /// </param>
    public static IReadOnlyList<ChunkSpan> Plan(VideoTimeline timeline, IReadOnlyList<int> cuts, ChunkPlanOptions? options = null, IReadOnlyList<double>? activity = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(cuts);
        options ??= new ChunkPlanOptions();
        options.Validate();
        int n = timeline.Count;
        var scenes = new List<(int Start, int End)>();
        int previous = 0;
        foreach (int cut in cuts.Where(c => c > 0 && c < n).Distinct().Order())
        {
            scenes.Add((previous, cut));
            previous = cut;
        }
        scenes.Add((previous, n));

        var merged = new List<(int Start, int End)>();
        foreach (var scene in scenes)
        {
            if (merged.Count > 0 && Seconds(timeline, merged[^1].Start, merged[^1].End) < options.MinSeconds)
                merged[^1] = (merged[^1].Start, scene.End);
            else
                merged.Add(scene);
        }
        if (merged.Count > 1 && Seconds(timeline, merged[^1].Start, merged[^1].End) < options.MinSeconds)
        {
            merged[^2] = (merged[^2].Start, merged[^1].End);
            merged.RemoveAt(merged.Count - 1);
        }

        if (activity is not null && activity.Count != n)
            throw new ArgumentException($"One activity value per frame is needed ({n}), not {activity.Count}.", nameof(activity));
        double[] calm = activity?.ToArray() ?? Activity(timeline);
        var borders = new List<int>();
        foreach (var scene in merged)
        {
            borders.Add(scene.Start);
            borders.AddRange(SplitPoints(timeline, scene.Start, scene.End, options, calm));
        }
        borders.Add(n);

        var chunks = new List<ChunkSpan>(borders.Count - 1);
        for (int i = 0; i + 1 < borders.Count; i++)
        {
            int start = borders[i], end = borders[i + 1];
            chunks.Add(new ChunkSpan(i, start, end - start, timeline.Timestamps[start], timeline.Timestamps[end - 1]));
        }
        return chunks;
    }

    /// <summary>Duration of frames [start, end) in seconds, the last frame lasting a typical frame duration.</summary>
    internal static double Seconds(VideoTimeline timeline, int start, int end)
    {
        long endPts = end < timeline.Count ? timeline.Timestamps[end] : timeline.Timestamps[^1] + timeline.TypicalFrameDuration;
        return (endPts - timeline.Timestamps[start]) * timeline.TimeBase.ToDouble();
    }

    private static IEnumerable<int> SplitPoints(VideoTimeline timeline, int start, int end, ChunkPlanOptions options, double[] activity)
    {
        double total = Seconds(timeline, start, end);
        if (total <= options.MaxSeconds) yield break;
        int parts = (int)Math.Ceiling(total / options.MaxSeconds);
        double ideal = total / parts;
        int from = start;
        for (int part = 1; part < parts; part++)
        {
            double target = Seconds(timeline, start, from) + ideal;
            int remainingParts = parts - part;
            int best = -1;
            double bestScore = double.MaxValue, bestDistance = double.MaxValue;
            for (int f = from + 1; f < end; f++)
            {
                double at = Seconds(timeline, start, f);
                double piece = Seconds(timeline, from, f), rest = Seconds(timeline, f, end);
                if (piece < options.MinSeconds) continue;
                if (piece > options.MaxSeconds) break;
                if (rest > remainingParts * options.MaxSeconds || rest < remainingParts * options.MinSeconds) continue;
                double distance = Math.Abs(at - target);
                if (distance > ideal * 0.25) continue;
                if (activity[f] < bestScore || (activity[f] == bestScore && distance < bestDistance))
                {
                    best = f;
                    bestScore = activity[f];
                    bestDistance = distance;
                }
            }
            if (best < 0) best = Fallback(timeline, start, from, end, target, remainingParts, options);
            yield return best;
            from = best;
        }
    }

    /// <summary>Where no frame lies near the ideal place within the limits, the frame closest to it that keeps them.</summary>
    private static int Fallback(VideoTimeline timeline, int start, int from, int end, double target, int remainingParts, ChunkPlanOptions options)
    {
        int best = from + 1;
        double bestDistance = double.MaxValue;
        for (int f = from + 1; f < end; f++)
        {
            double piece = Seconds(timeline, from, f), rest = Seconds(timeline, f, end);
            if (piece > options.MaxSeconds) break;
            if (rest > remainingParts * options.MaxSeconds) continue;
            double distance = Math.Abs(Seconds(timeline, start, f) - target);
            if (distance < bestDistance)
            {
                best = f;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// How much changes around each frame: the sizes of the inter-coded packets of it and its two neighbours
    /// (key frames count as a typical frame: they are large because they are self-contained, not because things move).
    /// </summary>
    private static double[] Activity(VideoTimeline timeline)
    {
        int n = timeline.Count;
        var sizes = new double[n];
        int[] inter = Enumerable.Range(0, n).Where(i => !timeline.KeyFrames[i]).Select(i => timeline.PacketSizes[i]).Order().ToArray();
        double typical = inter.Length > 0 ? inter[inter.Length / 2] : 1;
        for (int i = 0; i < n; i++) sizes[i] = timeline.KeyFrames[i] ? typical : timeline.PacketSizes[i];
        var activity = new double[n];
        for (int i = 0; i < n; i++)
            activity[i] = sizes[Math.Max(0, i - 1)] + sizes[i] + sizes[Math.Min(n - 1, i + 1)];
        return activity;
    }
}
