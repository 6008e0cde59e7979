// LensVignette (FFmpeg's vignette function; FfmpegComparisonTests checks it against the filter) on CUDA frames
// through the emulator, through the animated stream overload, and with a format it does not take.
namespace Ovni.Operations.Tests;

public sealed class LensVignetteTests
{
    [Theory]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv420P)]
    public void Device_frames_vignette_exactly_like_host_frames(PixelFormat format)
    {
        TestEnvironment.RequireEmulator();
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require("tears-of-steel-battle-clip-medium.webm"), 2, format);
        try
        {
            using CudaDevice device = CudaDevice.Open();
            foreach (GpuFrame frame in frames)
            {
                using GpuFrame onDevice = frame.Upload(device);
                long launches = TestEnvironment.KernelLaunches();
                onDevice.LensVignette(Math.PI / 4);
                Assert.Equal(frame.PlaneCount, TestEnvironment.KernelLaunches() - launches);
                using GpuFrame cpu = frame.Share();
                cpu.LensVignette(Math.PI / 4);
                using GpuFrame downloaded = onDevice.Download();
                Planes.AssertIdentical(cpu, downloaded, $"{format} frame {frame.Index}");
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task An_animated_angle_is_evaluated_at_each_frame_time()
    {
        List<GpuFrame> source = [.. Enumerable.Range(0, 3).Select(i =>
        {
            GpuFrame f = Planes.Synthetic(PixelFormat.Yuv420P, 96, 64, 9);
            f.Pts = i;
            f.TimeBase = new Rational(1, 2);
            return f;
        })];
        try
        {
            Func<TimeSpan, double> angle = t => 0.2 + t.TotalSeconds;
            List<GpuFrame> result = await FrameStreams.Collect(FrameStreams.Of(source, f => f.Share()).LensVignette(angle));
            for (int i = 0; i < result.Count; i++)
            {
                using GpuFrame expected = source[i].Share();
                expected.LensVignette(0.2 + (i * 0.5));
                Planes.AssertIdentical(expected, result[i], $"frame {i}");
                result[i].Dispose();
            }
            Assert.Equal(3, result.Count);
        }
        finally
        {
            source.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Rgba_is_refused_with_the_reason()
    {
        using GpuFrame rgba = Planes.Synthetic(PixelFormat.Rgba, 32, 32, 1);
        Assert.Contains("LensVignette", Assert.Throws<FrameOperationException>(() => rgba.LensVignette(1.0)).Message);
    }
}
