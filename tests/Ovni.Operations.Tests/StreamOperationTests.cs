// The IAsyncEnumerable adapters own their input frames: replaced frames are disposed, in-place results pass
// through, animated parameters follow each frame's timestamp, and a failing operation disposes its input.
namespace Ovni.Operations.Tests;

[Collection(nameof(StreamOperationTests))]
[CollectionDefinition(nameof(StreamOperationTests), DisableParallelization = true)] // reads pooled shells: run alone
public sealed class StreamOperationTests
{
    [Fact]
    public async Task Scale_disposes_each_input_and_yields_new_frames_with_its_timing()
    {
        var inputs = new List<GpuFrame>();
        var outputs = new List<GpuFrame>();
        await foreach (GpuFrame frame in Source(inputs, 3).Scale(16, 8, ScaleFilter.Area).WithCancellation(TestContext.Current.CancellationToken))
        {
            outputs.Add(frame);
        }
        Assert.Equal(3, outputs.Count);
        Assert.All(inputs, f => Assert.Contains("disposed", f.ToString(), StringComparison.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(16, outputs[i].Width);
            Assert.Equal(i, outputs[i].Pts);
            outputs[i].Dispose();
        }
    }

    [Fact]
    public async Task In_place_operations_pass_the_same_frame_through_with_animated_parameters()
    {
        var inputs = new List<GpuFrame>();
        var seen = new List<int>();
        // Fade amount = pts / 2 s: frame 0 untouched, frame 2 (1 s at time base 1/2) fully black (Y 16).
        await foreach (GpuFrame frame in Source(inputs, 3).Fade(RgbaColor.Black, new OperationValue<double>(t => t.TotalSeconds)).WithCancellation(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.Same(inputs[(int)frame.Pts], frame);
                seen.Add(frame.GetPlane<byte>(0)[0, 0]);
            }
        }
        Assert.Equal(3, seen.Count);
        Assert.Equal(16, seen[2]);
        Assert.NotEqual(16, seen[0]);
    }

    [Fact]
    public void Keyframes_from_the_animation_module_drive_an_operation_parameter()
    {
        using GpuFrame a = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 7);
        using GpuFrame b = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 8);
        byte[][,] sa = Planes.Snapshot(a), sb = Planes.Snapshot(b);
        a.TimeBase = new Rational(1, 4);
        a.Pts = 1; // 0.25 s, halfway between the keyframes -> weight 0.5 -> 128/256
        var weight = new Ovni.Animation.Keyframes<double>().Add(TimeSpan.Zero, 0.0).Add(TimeSpan.FromSeconds(0.5), 1.0);
        a.CrossFade(b, weight);
        Assert.Equal(ScalarReference.Mix(sa[0][3, 5], sb[0][3, 5], 128), a.GetPlane<byte>(0)[3, 5]);
    }

    [Fact]
    public async Task A_failing_operation_disposes_its_input_and_surfaces_the_error()
    {
        var inputs = new List<GpuFrame>();
        await Assert.ThrowsAsync<FrameOperationException>(async () =>
        {
            await foreach (GpuFrame frame in Source(inputs, 2).Apply(f => f.RoundCorners(3), TestContext.Current.CancellationToken).WithCancellation(TestContext.Current.CancellationToken))
            {
                frame.Dispose();
            }
        });
        Assert.Single(inputs);
        Assert.Contains("disposed", inputs[0].ToString(), StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<GpuFrame> Source(List<GpuFrame> created, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 100 + i);
            frame.TimeBase = new Rational(1, 2);
            frame.Pts = i;
            created.Add(frame);
            yield return frame;
        }
    }
}
