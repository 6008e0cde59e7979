namespace Ovni.Tests.Frames;

public class FramePoolTests
{
    [Fact]
    public void Renting_and_disposing_frames_allocates_nothing_once_warm()
    {
        using var pool = new FramePool(PixelFormat.Yuv420P, 1920, 1080);
        for (int i = 0; i < 16; i++) pool.Rent().Dispose(); // warm: shells and buffers exist now

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            using GpuFrame frame = pool.Rent();
            frame.GetPlane<byte>(0)[0, 0] = (byte)i;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Planes_are_padded_to_64_bytes_and_sized_for_the_format()
    {
        using var pool = new FramePool(PixelFormat.Yuv420P10, 1919, 1079);
        using GpuFrame frame = pool.Rent();
        Assert.Equal(3, frame.PlaneCount);
        Assert.Equal(1919, frame.GetPlane<ushort>(0).Width);
        Assert.Equal(960, frame.GetPlane<ushort>(1).Width);
        Assert.Equal(540, frame.GetPlane<ushort>(2).Height);
        for (int p = 0; p < 3; p++)
        {
            Assert.Equal(0, frame.GetPitch(p) % 64);
            Assert.Equal(0, frame.GetPlanePointer(p) % 64);
        }
    }
}
