namespace Ovni.Chunking.Tests;

public class ChunkPlannerTests
{
    [Fact]
    public void Chunks_start_exactly_at_the_cuts()
    {
        VideoTimeline timeline = VideoTimeline.Read(ChunkingInputs.TwoScenes(), TestContext.Current.CancellationToken);
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame],
            new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 });
        Assert.Equal([0, ChunkingInputs.SecondClipFrame, ChunkingInputs.ThirdClipFrame], chunks.Select(c => c.StartFrame));
        Assert.Equal(timeline.Count, chunks.Sum(c => c.FrameCount));
        Assert.Equal(timeline.Timestamps[ChunkingInputs.SecondClipFrame], chunks[1].StartPts);
        Assert.Equal(timeline.Timestamps[ChunkingInputs.ThirdClipFrame - 1], chunks[1].LastPts);
    }

    [Fact]
    public void A_scene_shorter_than_the_minimum_joins_its_neighbour()
    {
        VideoTimeline timeline = VideoTimeline.Read(ChunkingInputs.TwoScenes(), TestContext.Current.CancellationToken);
        // A flash of 4 frames at 96..99 must not become its own chunk.
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [96, 100, 168, 210], new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 });
        Assert.Equal([0, 96, 168], chunks.Select(c => c.StartFrame));
        Assert.All(chunks, c => Assert.True(ChunkPlanner_Seconds(timeline, c) >= 1));
    }

    [Fact]
    public void Long_scenes_are_split_within_the_limits_at_calm_frames()
    {
        VideoTimeline timeline = VideoTimeline.Read(ChunkingInputs.Long(), TestContext.Current.CancellationToken);
        var options = new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 3 };
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [192, 384], options);
        Assert.Contains(chunks, c => c.StartFrame == 192);
        Assert.Contains(chunks, c => c.StartFrame == 384);
        Assert.All(chunks, c => Assert.InRange(ChunkPlanner_Seconds(timeline, c), 1, 3.0001));
        Assert.True(chunks.Count >= 9);

        // Each split inside a scene is the calmest of the frames it could have taken: within a quarter part of its ideal
        // place (the previous border + a third of the 8-second scene) and leaving the rest of the scene a valid length.
        double[] activity = Activity(timeline);
        for (int i = 1; i < chunks.Count; i++)
        {
            if (chunks[i].StartFrame % 192 == 0) continue;
            int from = chunks[i - 1].StartFrame, sceneEnd = (from / 192 + 1) * 192;
            int remainingParts = chunks.Count(c => c.StartFrame > chunks[i].StartFrame && c.StartFrame < sceneEnd) + 1;
            int sceneStart = from / 192 * 192;
            double ideal = Span(timeline, sceneStart, sceneEnd) / 3, target = Span(timeline, sceneStart, from) + ideal;
            int[] candidates = Enumerable.Range(from + 1, sceneEnd - from - 1)
                .Where(f => Math.Abs(Span(timeline, sceneStart, f) - target) <= ideal * 0.25
                            && Span(timeline, from, f) is >= 1 and <= 3
                            && Span(timeline, f, sceneEnd) <= remainingParts * 3 && Span(timeline, f, sceneEnd) >= remainingParts * 1).ToArray();
            Assert.Contains(chunks[i].StartFrame, candidates);
            Assert.Equal(candidates.Min(f => activity[f]), activity[chunks[i].StartFrame]);
        }
    }

    [Fact]
    public void A_given_activity_measure_places_the_split_at_its_calmest_frame()
    {
        // 18 s at 25 fps, no cuts, max 10 s: one split; both parts must stay ≤ 10 s (frames 200..250) and near the middle.
        var timeline = VideoTimeline.FromTimestamps(Enumerable.Range(0, 450).Select(i => (long)i).ToArray(), new Rational(1, 25));
        double[] activity = Enumerable.Repeat(10.0, 450).ToArray();
        activity[210] = 1; // calm, within reach
        activity[160] = 0; // calmer, but a part would be longer than 10 s
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [], new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 }, activity);
        Assert.Equal([0, 210], chunks.Select(c => c.StartFrame));
    }

    [Fact]
    public void Lengths_that_cannot_work_are_refused()
    {
        var timeline = VideoTimeline.FromTimestamps(Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), new Rational(1, 25));
        Assert.Throws<OvniException>(() => ChunkPlanner.Plan(timeline, [], new ChunkPlanOptions { MinSeconds = 3, MaxSeconds = 4 }));
        Assert.Throws<OvniException>(() => ChunkPlanner.Plan(timeline, [], new ChunkPlanOptions { MinSeconds = 0, MaxSeconds = 4 }));
    }

    [Fact]
    public void A_file_without_cuts_is_cut_every_max_seconds()
    {
        var timeline = VideoTimeline.FromTimestamps(Enumerable.Range(0, 1000).Select(i => (long)i).ToArray(), new Rational(1, 25));
        IReadOnlyList<ChunkSpan> chunks = ChunkPlanner.Plan(timeline, [], new ChunkPlanOptions { MinSeconds = 1, MaxSeconds = 10 });
        Assert.Equal(4, chunks.Count); // 40 s in parts of at most 10 s
        Assert.Equal(1000, chunks.Sum(c => c.FrameCount));
        Assert.Equal(Enumerable.Range(0, 4), chunks.Select(c => c.Index));
    }

    private static double Span(VideoTimeline t, int start, int end)
    {
        long endPts = end < t.Count ? t.Timestamps[end] : t.Timestamps[^1] + t.TypicalFrameDuration;
        return (endPts - t.Timestamps[start]) * t.TimeBase.ToDouble();
    }

    private static double ChunkPlanner_Seconds(VideoTimeline t, ChunkSpan c)
    {
        long end = c.EndFrame < t.Count ? t.Timestamps[c.EndFrame] : t.Timestamps[^1] + t.TypicalFrameDuration;
        return (end - c.StartPts) * t.TimeBase.ToDouble();
    }

    /// <summary>The planner's documented measure: packet sizes of the frame and its neighbours, key frames counted as typical.</summary>
    private static double[] Activity(VideoTimeline t)
    {
        int[] inter = Enumerable.Range(0, t.Count).Where(i => !t.KeyFrames[i]).Select(i => t.PacketSizes[i]).Order().ToArray();
        double typical = inter[inter.Length / 2];
        double Size(int i) => t.KeyFrames[i] ? typical : t.PacketSizes[i];
        return Enumerable.Range(0, t.Count).Select(i => Size(Math.Max(0, i - 1)) + Size(i) + Size(Math.Min(t.Count - 1, i + 1))).ToArray();
    }
}
