// Picture-in-picture on CUDA frames (through the emulator) must give the CPU backend's pixels, since both now scale
// and paste the inset with Ovni's own kernels; and a device stream with an inset in another layout fails clearly.
namespace Ovni.Operations.Tests;

public sealed class PictureInPictureParityTests
{
    private const string Main = "tears-of-steel-battle-clip-medium.webm"; // 800x332 VP8
    private const string Inset = "internal_emulator_transformer_output.mp4"; // 1280x720 H.264

    [Fact]
    public async Task Picture_in_picture_on_the_emulator_matches_the_cpu_backend()
    {
        TestEnvironment.RequireEmulator();
        List<GpuFrame> mains = TestEnvironment.Decode(TestMedia.Require(Main), 6, PixelFormat.Yuv420P);
        List<GpuFrame> insets = TestEnvironment.Decode(TestMedia.Require(Inset), 6, PixelFormat.Yuv420P);
        try
        {
            using CudaDevice device = CudaDevice.Open();
            var options = new PictureInPictureOptions { Corner = PictureInPictureCorner.TopRight, Scale = 0.3, Margin = 10 };
            List<GpuFrame> cpu = await FrameStreams.Collect(FrameStreams.Of(mains, f => f.Share()).PictureInPicture(FrameStreams.Of(insets, f => f.Share()), options));
            long launches = TestEnvironment.KernelLaunches();
            List<GpuFrame> gpu = await FrameStreams.Collect(FrameStreams.Of(mains, f => f.Upload(device)).PictureInPicture(FrameStreams.Of(insets, f => f.Share()), options));
            try
            {
                Assert.True(TestEnvironment.KernelLaunches() - launches >= 6 * 3, "the inset was not scaled and pasted by kernels");
                Assert.Equal(mains.Count, cpu.Count);
                Assert.Equal(cpu.Count, gpu.Count);
                for (int i = 0; i < cpu.Count; i++)
                {
                    Assert.Same(device, gpu[i].Device);
                    using GpuFrame downloaded = gpu[i].Download();
                    Planes.AssertIdentical(cpu[i], downloaded, $"frame {i}");
                }
                // The inset really is there: the corner differs from the untouched main frame.
                Assert.NotEqual(mains[0].GetPlane<byte>(0)[20, 700], cpu[0].GetPlane<byte>(0)[20, 700]);
            }
            finally
            {
                cpu.ForEach(f => f.Dispose());
                gpu.ForEach(f => f.Dispose());
            }
        }
        finally
        {
            mains.ForEach(f => f.Dispose());
            insets.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_device_inset_in_another_layout_fails_with_the_reason()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using GpuFrame main = Planes.Synthetic(PixelFormat.Yuv420P, 64, 48, 1);
        using GpuFrame inset = Planes.Synthetic(PixelFormat.Nv12, 64, 48, 2);
        using GpuFrame mainOnDevice = main.Upload(device);
        using GpuFrame insetOnDevice = inset.Upload(device);
        var e = await Assert.ThrowsAsync<OvniException>(async () =>
            (await FrameStreams.Collect(FrameStreams.Of([mainOnDevice], f => f.Share()).PictureInPicture(FrameStreams.Of([insetOnDevice], f => f.Share())))).ForEach(f => f.Dispose()));
        Assert.Contains("nv12", e.Message);
        Assert.Contains("yuv420p", e.Message);
    }
}
