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
            frame.CrossFade(other, 0.25).Fade(RgbaColor.Black, 0.1).DrawRect(rect, new RgbaColor(1, 2, 3, 100)).Vignette(0.2).Overlay(rgba, 6, 8, 0.5);
            rgba.ChromaKey(new RgbaColor(0, 255, 0), 20, 20).RoundCorners(4);
        }
        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) RunAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"100 rounds of in-place operations allocated {allocated} bytes");
    }
}
