// Transform on whole frames: exact cases that need no interpolation (identity, whole-pixel shifts, quarter turns),
// the background, animation through the stream overload, and CUDA (emulator) frames equal to the CPU backend.
namespace Ovni.Operations.Tests;

public sealed class TransformTests
{
    [Theory]
    [InlineData(PixelFormat.Yuv420P)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Rgba)]
    public void Identity_is_an_exact_copy(PixelFormat format)
    {
        using GpuFrame frame = Planes.Synthetic(format, 322, 182, 3);
        using GpuFrame same = frame.Transform(FrameTransform.Identity);
        Planes.AssertIdentical(frame, same, "identity transform");
    }

    [Fact]
    public void Whole_pixel_shift_moves_every_plane_exactly_and_fills_black()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 320, 180, 4);
        byte[][,] before = Planes.Snapshot(frame);
        using GpuFrame moved = frame.Transform(FrameTransform.Translate(10, 6));
        byte[][,] after = Planes.Snapshot(moved);
        for (int p = 0; p < 3; p++)
        {
            int shiftX = p == 0 ? 10 : 5, shiftY = p == 0 ? 6 : 3;
            int black = p == 0 ? 16 : 128; // BT.709 limited black
            for (int y = 0; y < after[p].GetLength(0); y++)
                for (int x = 0; x < after[p].GetLength(1); x++)
                {
                    int expected = x >= shiftX && y >= shiftY ? before[p][y - shiftY, x - shiftX] : black;
                    Assert.True(expected == after[p][y, x], $"plane {p} ({x}, {y}): expected {expected}, got {after[p][y, x]}");
                }
        }
    }

    [Fact]
    public void Quarter_turn_clockwise_about_the_centre_transposes_exactly()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Rgba, 64, 64, 5);
        byte[,] before = Planes.Snapshot(frame)[0];
        using GpuFrame turned = frame.Transform(FrameTransform.Rotate(90));
        byte[,] after = Planes.Snapshot(turned)[0];
        // Clockwise on screen: source pixel (sx, sy) lands on (63 - sy, sx).
        for (int sy = 0; sy < 64; sy++)
            for (int sx = 0; sx < 64; sx++)
                for (int c = 0; c < 4; c++)
                    Assert.Equal(before[sy, sx * 4 + c], after[sx, (63 - sy) * 4 + c]);
    }

    [Fact]
    public void Uncovered_rgba_is_transparent_and_a_background_colour_is_honoured()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Rgba, 100, 60, 6);
        using GpuFrame small = frame.Transform(FrameTransform.Zoom(0.5));
        Assert.Equal(0, small.GetPlane<byte>(0)[2, 4 * 3 + 3]); // corner: alpha 0
        using GpuFrame red = frame.Transform(FrameTransform.Zoom(0.5), new RgbaColor(255, 0, 0));
        Assert.Equal([255, 0, 0, 255], red.GetPlane<byte>(0).GetRowSpan(2).Slice(4 * 3, 4).ToArray());
    }

    [Fact]
    public void Zero_scale_is_rejected_with_the_reason()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 64, 48, 7);
        var e = Assert.Throws<FrameOperationException>(() => frame.Transform(new FrameTransform(ScaleX: 0)));
        Assert.Contains("non-zero", e.Message);
        Assert.Throws<FrameOperationException>(() => frame.Transform(FrameTransform.Rotate(double.NaN)));
        Assert.Throws<FrameOperationException>(() => frame.Transform(default));
        Assert.Contains("too extreme", Assert.Throws<FrameOperationException>(() => frame.Transform(FrameTransform.Zoom(1e-6))).Message);
    }

    [Fact]
    public async Task An_animated_transform_is_evaluated_at_each_frame_time()
    {
        List<GpuFrame> source = [.. Enumerable.Range(0, 5).Select(i =>
        {
            GpuFrame f = Planes.Synthetic(PixelFormat.Yuv420P, 96, 64, 8);
            f.Pts = i;
            f.TimeBase = new Rational(1, 10);
            return f;
        })];
        try
        {
            Func<TimeSpan, FrameTransform> spin = t => FrameTransform.Rotate(t.TotalSeconds * 100);
            int i = 0;
            await foreach (GpuFrame frame in FrameStreams.Of(source, f => f.Share()).Transform(spin).WithCancellation(TestContext.Current.CancellationToken))
                using (frame)
                {
                    using GpuFrame expected = source[i].Transform(FrameTransform.Rotate(i * 10));
                    Planes.AssertIdentical(expected, frame, $"frame {i}");
                    i++;
                }
            Assert.Equal(5, i);
        }
        finally
        {
            source.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv420P)]
    public void Device_frames_transform_exactly_like_host_frames(PixelFormat format)
    {
        TestEnvironment.RequireEmulator();
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require("tears-of-steel-battle-clip-medium.webm"), 3, format);
        try
        {
            using CudaDevice device = CudaDevice.Open();
            var transform = new FrameTransform(1.3, 1.3, 17, -40, 12.5);
            foreach (GpuFrame frame in frames)
            {
                using GpuFrame cpu = frame.Transform(transform);
                using GpuFrame onDevice = frame.Upload(device);
                long launches = TestEnvironment.KernelLaunches();
                using GpuFrame gpu = onDevice.Transform(transform);
                Assert.Equal(frame.PlaneCount, TestEnvironment.KernelLaunches() - launches);
                using GpuFrame downloaded = gpu.Download();
                Planes.AssertIdentical(cpu, downloaded, $"{format} frame {frame.Index}");
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }
}
