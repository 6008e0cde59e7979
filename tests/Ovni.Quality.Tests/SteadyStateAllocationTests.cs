// Scoring reuses pooled frame buffers and per-worker workspaces: after warm-up, adding frames must not allocate
// per frame. Runs alone because it reads the process-wide allocation counter.
using CommunityToolkit.HighPerformance;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class SteadyStateAllocationCollection;

[Collection(nameof(SteadyStateAllocationTests))]
public sealed class SteadyStateAllocationTests
{
    [Fact]
    public async Task Scoring_allocates_nothing_per_frame_after_warm_up()
    {
        const int w = 320, h = 240, warmUp = 8, measured = 64;
        var model = VmafModel.Load(SharedData.ModelPath("vmaf_v0.6.1.json"));
        var scorer = new QualityScorer(new YuvFormat(w, h), new QualityOptions { Model = model, Threads = 2 });
        var frames = new byte[4][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = new byte[w * h * 3 / 2];
            SyntheticFrames.Fill(frames[i], w, h, i, seed: 11, noise: 3 * i);
        }
        void AddFrame(int i) => scorer.Add(
            new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(frames[0], 0, h, w, 0)),
            new YuvPlanes<byte>(new ReadOnlySpan2D<byte>(frames[i % 4], 0, h, w, 0)));

        for (int i = 0; i < warmUp; i++) AddFrame(i);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < measured; i++) AddFrame(i);
        var result = await scorer.CompleteAsync(TestContext.Current.CancellationToken);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(warmUp + measured, result.Frames.Count);
        // one luma plane copy alone would be 150 KB per frame; results and bookkeeping stay far below one plane in total
        Assert.True(allocated < 150_000, $"allocated {allocated} bytes for {measured} frames");
    }
}
