namespace Ovni.Render.Tests.Sources;

/// <summary>
/// Frame shells are pooled process-wide, so "was this frame disposed?" can only be read while no other test rents
/// shells: this class runs alone.
/// </summary>
[Collection(nameof(FrameOwnershipTests))]
[CollectionDefinition(nameof(FrameOwnershipTests), DisableParallelization = true)]
public class FrameOwnershipTests
{
    [Fact]
    public async Task Ops_dispose_the_frames_they_drop()
    {
        var produced = new List<GpuFrame>();
        var kept = new List<GpuFrame>();
        async IAsyncEnumerable<GpuFrame> Recorded()
        {
            await foreach (GpuFrame f in FrameSources.SolidColor(16, 16, RgbaColor.White, TimeSpan.FromSeconds(2), new Rational(30, 1)))
            {
                produced.Add(f);
                yield return f;
            }
        }
        await foreach (GpuFrame frame in Recorded().TrimFrames(5, 40).ChangeFrameRate(new Rational(12, 1)).WithCancellation(TestContext.Current.CancellationToken))
            kept.Add(frame);
        Assert.Equal(45, produced.Count); // TrimFrames stops reading after frame 5 + 40
        // 40 frames of 1/30 s from pts 5 → 12 fps slots 2..17 (end 45/30 s → slot 18): 16 outputs
        Assert.Equal(16, kept.Count);
        Assert.All(kept, f => Assert.NotEqual("GpuFrame (disposed)", f.ToString()));
        foreach (GpuFrame f in kept) f.Dispose();
        // Whatever the ops dropped they disposed: after the consumer disposes what it kept, nothing is alive.
        // (Frame shells are pooled, so a leaked frame is the only way one of these could still be alive.)
        Assert.All(produced, f => Assert.Equal("GpuFrame (disposed)", f.ToString()));
    }
}
