// In-place operations must not allocate managed memory per frame (after the first call warms caches).
using System.Drawing;

namespace Ovni.Operations.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void In_place_operations_allocate_nothing_per_frame_on_the_cpu()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 128, 72, 1);
        using GpuFrame other = Planes.Synthetic(PixelFormat.Yuv420P, 128, 72, 2);
        using GpuFrame rgba = Planes.Synthetic(PixelFormat.Rgba, 32, 20, 3);
        var rect = new Rectangle(10, 10, 40, 20);
        void RunAll()
        {
            frame.CrossFade(other, 0.25).Fade(RgbaColor.Black, 0.1).DrawRect(rect, new RgbaColor(1, 2, 3, 100)).Vignette(0.2).Overlay(rgba, 6, 8, 0.5)
                .LensVignette(0.6);
            rgba.ChromaKey(new RgbaColor(0, 255, 0), 20 / ChromaKeyOperation.FullScale, 20 / ChromaKeyOperation.FullScale).RoundCorners(4);
        }
        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) RunAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"100 rounds of in-place operations allocated {allocated} bytes");
    }

    [Fact]
    public void Banded_operations_allocate_nothing_per_frame_once_warm()
    {
        using GpuFrame frame = Planes.Synthetic(PixelFormat.Yuv420P, 320, 180, 4);
        var transform = new FrameTransform(1.1, 1.1, 7, 3, -2);
        void RunAll()
        {
            frame.Transform(transform).Dispose();
            frame.ChromaKeyToRgba(new RgbaColor(20, 200, 60), 0.1, 0.05).Dispose();
            frame.ToRgba().Dispose();
        }
        for (int i = 0; i < 20; i++) RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) RunAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Row bands keep up to 8 reusable jobs per body type; a late thread-pool helper may make one more of them
        // warm up here (about 100 B each). Anything per frame would be tens of kilobytes over 1,000 rounds.
        Assert.True(allocated < 4096, $"1,000 rounds of transform, keying and RGBA conversion allocated {allocated} bytes");
    }
}
