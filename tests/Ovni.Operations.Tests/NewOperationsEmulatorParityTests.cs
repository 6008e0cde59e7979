// ConvertTo (4:2:0 <-> 4:4:4, to and from RGBA), Fit and DrawText through the CUDA emulator (the real kernels,
// host-compiled, behind libcuda's API) must give exactly the CPU backend's pixels, on real frames; and a conversion
// without kernels must be refused on the device with the fix, not run on the wrong memory.
namespace Ovni.Operations.Tests;

public sealed class NewOperationsEmulatorParityTests
{
    private const string Clip = "tears-of-steel-battle-clip-medium.webm"; // 800x332, yuv420p

    [Fact]
    public void ConvertTo_Fit_and_DrawText_on_the_emulator_equal_the_cpu_backend()
    {
        TestEnvironment.RequireEmulator();
        Fonts.Require();
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require(Clip), 3, PixelFormat.Yuv420P);
        try
        {
            using CudaDevice device = CudaDevice.Open();
            var style = new TextStyle { Font = "DejaVu Sans", Size = 44, Outline = 3, Shadow = 2, Bold = true };
            foreach (GpuFrame frame in frames)
            {
                using GpuFrame onDevice = frame.Upload(device);
                Compare(frame, onDevice, f => f.ConvertTo(PixelFormat.Yuv444P), "yuv420p -> yuv444p");
                Compare(frame, onDevice, f =>
                {
                    using GpuFrame full = f.ConvertTo(PixelFormat.Yuv444P);
                    return full.ConvertTo(PixelFormat.Yuv420P);
                }, "yuv444p -> yuv420p");
                Compare(frame, onDevice, f =>
                {
                    using GpuFrame rgba = f.ConvertTo(PixelFormat.Rgba);
                    return rgba.ConvertTo(PixelFormat.Nv12);
                }, "via rgba to nv12");
                Compare(frame, onDevice, f => f.Fit(1280, 720, FitMode.Pad, new RgbaColor(20, 40, 200, 255)), "fit pad");
                Compare(frame, onDevice, f => f.Fit(400, 400, FitMode.Crop), "fit crop");
                Compare(frame, onDevice, f =>
                {
                    GpuFrame copy = f.Fit(800, 332, FitMode.Stretch); // same size: a shared copy to draw on
                    return copy.DrawText("Ovni {title}\nline two", style, 120.25, 80.5, 0.8);
                }, "draw text");
            }

            using GpuFrame nv12 = frames[0].ConvertTo(PixelFormat.Nv12);
            using GpuFrame nv12OnDevice = nv12.Upload(device);
            var refused = Assert.Throws<FrameOperationException>(() => nv12OnDevice.ConvertTo(PixelFormat.Yuv420P));
            Assert.Contains("Download()", refused.Message);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private static void Compare(GpuFrame host, GpuFrame onDevice, Func<GpuFrame, GpuFrame> operation, string what)
    {
        using GpuFrame hostInput = host.Share(), deviceInput = onDevice.Share();
        using GpuFrame cpu = operation(hostInput);
        long launches = TestEnvironment.KernelLaunches();
        using GpuFrame gpu = operation(deviceInput);
        Assert.True(TestEnvironment.KernelLaunches() > launches, $"{what}: no kernel ran on the emulator");
        using GpuFrame downloaded = gpu.Download();
        Planes.AssertIdentical(cpu, downloaded, what);
    }
}
