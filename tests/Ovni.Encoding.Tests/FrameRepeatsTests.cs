// FrameRepeats tells footage whose frames repeat (where SVT-AV1's probes start every sample from a key frame) from moving
// footage; on real clips, and for a frame that is shown twice.
namespace Ovni.Encoding.Tests;

public sealed class FrameRepeatsTests
{
    [Fact]
    public async Task A_repeated_frame_counts_and_moving_footage_does_not()
    {
        List<GpuFrame> frames = await ReadAsync(TestMedia.Require("tears-of-steel-battle-clip-medium.webm"), 48);
        try
        {
            Assert.True(FrameRepeats.Share(frames, 0, frames.Count, 8) < 0.2, "live action repeats few frames");
            Assert.Equal(0, FrameRepeats.MeanDifference(frames[10], frames[10], 8));
            Assert.True(FrameRepeats.MeanDifference(frames[10], frames[11], 8) > FrameRepeats.RepeatLevel);
            // The same frames with every frame shown twice (a 12 fps animation at 24 fps): half the frames repeat.
            var doubled = frames.Take(24).SelectMany(f => new[] { f, f }).ToList();
            Assert.InRange(FrameRepeats.Share(doubled, 0, doubled.Count, 8), 0.45, 0.55);
            Assert.Equal(0, FrameRepeats.Share(frames, 5, 1, 8)); // one frame: no pair
        }
        finally
        {
            foreach (GpuFrame frame in frames) frame.Dispose();
        }
    }

    [Fact]
    public async Task Ten_bit_frames_are_compared_in_eight_bit_levels()
    {
        List<GpuFrame> frames = await ReadAsync(TestMedia.Require("hdr10-video-with-sdr-container.mp4"), 12);
        try
        {
            Assert.True(FrameRepeats.Share(frames, 0, frames.Count, 10) < 0.5);
            Assert.Equal(0, FrameRepeats.MeanDifference(frames[3], frames[3], 10));
        }
        finally
        {
            foreach (GpuFrame frame in frames) frame.Dispose();
        }
    }

    private static async Task<List<GpuFrame>> ReadAsync(string path, int count)
    {
        var frames = new List<GpuFrame>();
        await using MediaReader reader = MediaReader.Open(path);
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
            if (frames.Count == count) break;
        }
        return frames;
    }
}
