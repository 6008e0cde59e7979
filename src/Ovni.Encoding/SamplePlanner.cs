// Where the samples go. By default (Systematic) many short samples, one centred in each of N stretches of equal length over
// the whole file, blind to scenes and key frames: every frame is as likely to be sampled as any other, so the mean over the
// samples is an unbiased estimate of the file's mean. Measured on full x264 encodes of the test inputs (per-frame VMAF), the
// 24 frames after a source key frame score 1–2 VMAF above the file's mean (the encoder spends more at a scene's start, and
// the key frame itself): samples placed at key frames, as before, predicted too high. Each sample is encoded with lead-in
// frames before it and lead-out frames after it that are not scored, so its scored frames sit mid-stream, as in the full
// encode, rather than on the key frame a sample must start with.
// The older tiers stay selectable: at the source's key frames (read from the packets without decoding), on scenes from the
// detector, at even intervals skipping the first and last 5 %; the whole file when the samples would cover most of it.
// Scenes and key frame groups are "segments". The file is cut in time order into as many strata of equal length as there
// are samples; each stratum is sampled at the start of its most typical segment (complexity closest to the stratum's mean:
// busyness for scenes, bytes per frame for key frame groups) and stands for the stratum's share of the file. Segments
// longer than a stratum are split, so a long single shot is sampled more than once.
using Ovni.Scenes;

namespace Ovni.Encoding;

internal static class SamplePlanner
{
    /// <summary>A run of frames that belongs together (a scene, a group of pictures) and how hard it is to encode.</summary>
    internal readonly record struct Segment(long StartFrame, long FrameCount, TimeSpan Start, double Complexity);

    internal static int SampleFrames(TargetQualityOptions options, double fps) => Math.Max(2, (int)Math.Round(options.EffectiveSampleDuration.TotalSeconds * fps));

    internal static int SampleCount(TargetQualityOptions options, long frames, double fps) =>
        options.SampleCount > 0 ? options.SampleCount
            : Math.Clamp((int)Math.Round(frames / fps / 60 * options.EffectiveTuning.SamplesPerMinute), 4, Math.Max(4, options.EffectiveTuning.MaxSamples));

    /// <summary>True when the samples would cover most of the file: then the whole file is the sample.</summary>
    internal static bool WholeFile(TargetQualityOptions options, long frames, double fps) =>
        options.Placement == SamplePlacement.WholeFile || (long)SampleCount(options, frames, fps) * SampleFrames(options, fps) >= 0.6 * frames;

    internal static (SamplePlacement Placement, IReadOnlyList<SampleSpan> Samples) Plan(long frames, double fps, TargetQualityOptions options,
        SceneDetectionResult? scenes, KeyFrameIndex? keyFrames)
    {
        (SamplePlacement placement, List<SampleSpan> samples) = Place(frames, fps, options, scenes, keyFrames);
        int leadOut = options.EffectiveTuning.LeadOutFrames, leadIn = placement == SamplePlacement.Systematic ? options.EffectiveTuning.LeadInFrames : 0;
        if (placement == SamplePlacement.WholeFile || (leadOut <= 0 && leadIn <= 0)) return (placement, samples);
        // Each sample's lead-out stops at the end of the file, its lead-in at the start.
        return (placement, samples.ConvertAll(s => s with
        {
            LeadOut = (int)Math.Clamp(frames - (long)Math.Round(s.Start.TotalSeconds * fps) - s.FrameCount, 0, Math.Max(0, leadOut)),
            LeadIn = (int)Math.Clamp((long)Math.Round(s.Start.TotalSeconds * fps), 0, Math.Max(0, leadIn)),
        }));
    }

    private static (SamplePlacement Placement, List<SampleSpan> Samples) Place(long frames, double fps, TargetQualityOptions options,
        SceneDetectionResult? scenes, KeyFrameIndex? keyFrames)
    {
        int sampleFrames = SampleFrames(options, fps);
        int count = SampleCount(options, frames, fps);
        if (WholeFile(options, frames, fps))
            return (SamplePlacement.WholeFile, [new SampleSpan(TimeSpan.Zero, (int)Math.Min(frames, int.MaxValue), 1)]);

        if (options.Placement is SamplePlacement.Auto or SamplePlacement.Systematic)
            return (SamplePlacement.Systematic, Systematic(frames, fps, count, sampleFrames));
        if (options.Placement is SamplePlacement.Scenes && scenes is { Scenes.Count: > 1 })
            return (SamplePlacement.Scenes, Stratified(FromScenes(scenes), frames, fps, count, sampleFrames));
        if (options.Placement is SamplePlacement.Scenes or SamplePlacement.KeyFrames
            && keyFrames is { KeyFrames.Count: > 1 } && FromKeyFrames(keyFrames, fps, frames) is { Count: > 1 } groups)
            return (SamplePlacement.KeyFrames, Stratified(groups, frames, fps, count, sampleFrames));

        var samples = new List<SampleSpan>();
        long first = (long)(frames * 0.05), last = (long)(frames * 0.95) - sampleFrames;
        for (int i = 0; i < count; i++)
        {
            long start = count == 1 ? (first + last) / 2 : first + (last - first) * i / (count - 1);
            samples.Add(new SampleSpan(TimeSpan.FromSeconds(start / fps), sampleFrames, 1.0 / count));
        }
        return (SamplePlacement.EvenIntervals, samples);
    }

    /// <summary>One sample centred in each of <paramref name="count"/> stretches of equal length, each standing for its stretch.</summary>
    internal static List<SampleSpan> Systematic(long frames, double fps, int count, int sampleFrames)
    {
        var samples = new List<SampleSpan>(count);
        for (int k = 0; k < count; k++)
        {
            long start = Math.Clamp((long)Math.Round((k + 0.5) * frames / count) - sampleFrames / 2, 0, Math.Max(0, frames - sampleFrames));
            samples.Add(new SampleSpan(TimeSpan.FromSeconds(start / fps), (int)Math.Min(sampleFrames, frames - start), 1.0 / count));
        }
        return samples;
    }

    internal static List<Segment> FromScenes(SceneDetectionResult result)
    {
        var segments = new List<Segment>();
        foreach (Scene scene in result.Scenes)
        {
            double sum = 0;
            long n = 0;
            for (long f = scene.StartFrame + 1; f < scene.EndFrame && f < result.Differences.Count; f++, n++) sum += result.Differences[(int)f];
            segments.Add(new Segment(scene.StartFrame, scene.FrameCount, scene.Start, n > 0 ? sum / n : 0));
        }
        return segments;
    }

    internal static List<Segment> FromKeyFrames(KeyFrameIndex index, double fps, long frames)
    {
        var segments = new List<Segment>();
        for (int i = 0; i < index.KeyFrames.Count; i++)
        {
            if (index.GroupFrames[i] == 0) continue;
            long start = (long)Math.Round(index.KeyFrames[i].TotalSeconds * fps);
            if (start >= frames) break;
            segments.Add(new Segment(start, index.GroupFrames[i], index.KeyFrames[i], index.GroupBytes[i] / (double)index.GroupFrames[i]));
        }
        // Frame counts from the packets follow decode order; the starts from the key frames' times are what a seek finds.
        for (int i = 0; i < segments.Count; i++)
        {
            long end = i + 1 < segments.Count ? segments[i + 1].StartFrame : frames;
            segments[i] = segments[i] with { FrameCount = Math.Max(1, end - segments[i].StartFrame) };
        }
        return segments;
    }

    /// <summary>One sample per stratum of equal length, at the start of the stratum's most typical segment.</summary>
    internal static List<SampleSpan> Stratified(List<Segment> segments, long frames, double fps, int count, int sampleFrames)
    {
        // Long segments are split so that each piece fits in a stratum: a long shot gets more than one sample.
        long stratum = Math.Max(1, frames / count);
        var pieces = new List<Segment>();
        foreach (Segment s in segments)
        {
            int parts = (int)Math.Max(1, Math.Round(s.FrameCount / (double)stratum));
            for (int p = 0; p < parts; p++)
            {
                long start = s.StartFrame + s.FrameCount * p / parts, end = s.StartFrame + s.FrameCount * (p + 1) / parts;
                pieces.Add(new Segment(start, end - start, s.Start + TimeSpan.FromSeconds((start - s.StartFrame) / fps), s.Complexity));
            }
        }
        // Each piece belongs to the stratum holding its middle frame.
        var strata = new List<Segment>[count];
        for (int k = 0; k < count; k++) strata[k] = [];
        foreach (Segment piece in pieces)
        {
            int k = (int)Math.Min(count - 1, (piece.StartFrame + piece.FrameCount / 2) * count / Math.Max(1, frames));
            strata[k].Add(piece);
        }
        var samples = new List<SampleSpan>();
        double total = 0;
        var weights = new List<double>();
        for (int k = 0; k < count; k++)
        {
            if (strata[k].Count == 0) continue;
            long stratumFrames = strata[k].Sum(s => s.FrameCount);
            double mean = strata[k].Sum(s => s.Complexity * s.FrameCount) / stratumFrames;
            // The most typical piece that holds at least half a sample (or the longest when none does); a sample longer than
            // its piece runs on into the next, as the full encode does.
            long wanted = Math.Min(sampleFrames / 2, strata[k].Max(s => s.FrameCount));
            Segment chosen = strata[k].Where(s => s.FrameCount >= wanted).MinBy(s => Math.Abs(s.Complexity - mean));
            int length = (int)Math.Min(sampleFrames, frames - chosen.StartFrame);
            if (length < 2) continue;
            samples.Add(new SampleSpan(chosen.Start, length, 0));
            weights.Add(stratumFrames);
            total += stratumFrames;
        }
        for (int i = 0; i < samples.Count; i++) samples[i] = samples[i] with { Weight = weights[i] / total };
        samples.Sort((a, b) => a.Start.CompareTo(b.Start));
        return samples;
    }
}
