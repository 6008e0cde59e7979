// Kernel launches on device frames through CudaKernelLauncher: a real launch changes the pixels, and every
// unusable frame or argument list is refused with a clear OvniException before the driver sees a launch.
using Ovni.Devices.Cuda;
using Ovni.Interop.FFmpeg;

namespace Ovni.Cuda.Tests;

public sealed unsafe class KernelLauncherTests
{
    [Fact]
    public void A_launch_on_a_device_frame_changes_exactly_the_luma_plane()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        using var pool = new FramePool(PixelFormat.Nv12, 320, 180);
        using GpuFrame host = pool.Rent();
        FrameTransferTests.Fill(host, 11);
        using GpuFrame onDevice = host.Upload(device);
        long launches = CudaTestEnvironment.KernelLaunches();

        TestKernels.AddOneToLuma(launcher, onDevice);
        device.Synchronize();

        Assert.Equal(launches + 1, CudaTestEnvironment.KernelLaunches());
        using GpuFrame back = onDevice.Download();
        var before = host.GetPlane<byte>(0);
        var after = back.GetPlane<byte>(0);
        for (int y = 0; y < before.Height; y++)
            for (int x = 0; x < before.Width; x++)
                Assert.Equal((byte)(before[y, x] + 1), after[y, x]);
        Assert.True(host.GetPlane<byte>(1).GetRowSpan(5).SequenceEqual(back.GetPlane<byte>(1).GetRowSpan(5)));
    }

    [Fact]
    public void A_host_frame_is_refused_before_any_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();

        AssertRefusedBeforeLaunch(() => TestKernels.AddOneToLuma(launcher, host), "host memory");
    }

    [Fact]
    public void A_frame_from_another_device_is_refused_before_any_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using CudaDevice other = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();
        using GpuFrame elsewhere = host.Upload(other);

        AssertRefusedBeforeLaunch(() => TestKernels.AddOneToLuma(launcher, elsewhere), "but the kernel runs on");
    }

    [Fact]
    public void A_pitch_smaller_than_a_row_is_refused_before_any_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();
        using GpuFrame onDevice = host.Upload(device);
        using GpuFrame broken = onDevice.Share();
        ((int*)((byte*)broken.Native + FFmpegRuntime.Layout.FrameLinesize))[0] = 48;

        AssertRefusedBeforeLaunch(() => TestKernels.AddOneToLuma(launcher, broken), "pitch 48");
    }

    [Fact]
    public void An_odd_sized_subsampled_frame_is_refused_before_any_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        using var pool = new FramePool(PixelFormat.Yuv420P, 64, 64);
        using GpuFrame host = pool.Rent();
        using GpuFrame onDevice = host.Upload(device);
        using GpuFrame odd = onDevice.Share();
        *(int*)((byte*)odd.Native + FFmpegRuntime.Layout.FrameWidth) = 63;

        AssertRefusedBeforeLaunch(() => TestKernels.AddOneToLuma(launcher, odd), "even dimensions");
    }

    [Fact]
    public void Arguments_that_do_not_match_the_signature_are_refused_before_any_launch()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        long launches = CudaTestEnvironment.KernelLaunches();

        CudaKernelCall wrongKind = launcher.CreateCall(TestKernels.AddOne);
        var kind = Assert.Throws<OvniException>(() => wrongKind.AddInt32(3));
        Assert.Contains("parameter 0 is declared Plane", kind.Message);

        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();
        using GpuFrame onDevice = host.Upload(device);
        CudaKernelCall incomplete = launcher.CreateCall(TestKernels.AddOne);
        incomplete.AddPlane(onDevice, 0);
        var count = Assert.Throws<OvniException>(() => launcher.Launch(ref incomplete, new CudaDim3(1), new CudaDim3(1)));
        Assert.Contains("takes 3 parameters", count.Message);

        CudaKernelCall notFromLauncher = default;
        Assert.Throws<OvniException>(() => launcher.Launch(ref notFromLauncher, new CudaDim3(1), new CudaDim3(1)));
        Assert.Equal(launches, CudaTestEnvironment.KernelLaunches());
    }

    [Fact]
    public void A_module_missing_from_the_source_is_a_clear_error()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var launcher = new CudaKernelLauncher(device, TestKernels.Source);
        var missing = new CudaKernelSignature("nope", "add_one", [CudaKernelParameterKind.Int32]);

        var error = Assert.Throws<OvniException>(() => launcher.GetFunction(missing));
        Assert.Contains("nope", error.Message);
    }

    private static void AssertRefusedBeforeLaunch(Action launch, string expected)
    {
        long launches = CudaTestEnvironment.KernelLaunches();
        var error = Assert.Throws<OvniException>(launch);
        Assert.Contains(expected, error.Message);
        Assert.Contains("add_one", error.Message);
        Assert.Equal(launches, CudaTestEnvironment.KernelLaunches());
    }
}
