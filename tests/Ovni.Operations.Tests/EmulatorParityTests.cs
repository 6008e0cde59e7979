// The operations through the CUDA emulator (the real kernels, host-compiled, behind libcuda's API) must produce
// exactly the pixels of the CPU backend: one animation pipeline over 30 real frames, compared per frame and again
// after x264 encoding (framemd5 of both outputs); plus device-memory flatness over 1,000 frames.
using System.Drawing;

namespace Ovni.Operations.Tests;

public sealed class EmulatorParityTests
{
    private const string Clip = "tears-of-steel-battle-clip-medium.webm"; // 800x332, 24 fps

    [Fact]
    public async Task Animation_pipeline_on_the_emulator_is_bit_identical_to_the_cpu_backend_and_encodes_identically()
    {
        TestEnvironment.RequireEmulator();
        string path = TestMedia.Require(Clip);
        List<GpuFrame> frames = TestEnvironment.Decode(path, 31, PixelFormat.Yuv420P);
        string folder = Directory.CreateTempSubdirectory("ovni-ops-").FullName;
        try
        {
            Assert.Equal(31, frames.Count);
            using CudaDevice device = CudaDevice.Open();
            using GpuFrame logo = AnimationPipeline.CreateLogo();
            using GpuFrame deviceLogo = logo.Upload(device);
            string cpuPath = Path.Combine(folder, "cpu.mkv"), gpuPath = Path.Combine(folder, "gpu.mkv");
            var encoding = new VideoEncoderOptions { Preset = "ultrafast", Crf = 20, Threads = 1 };
            await using (var cpuWriter = MediaWriter.Create(cpuPath, encoding))
            await using (var gpuWriter = MediaWriter.Create(gpuPath, encoding))
            {
                for (int i = 1; i < frames.Count; i++)
                {
                    GpuFrame frame = frames[i], other = frames[i - 1];
                    using GpuFrame cpu = AnimationPipeline.Run(frame, other, logo);

                    using GpuFrame frameOnDevice = frame.Upload(device);
                    using GpuFrame otherOnDevice = other.Upload(device);
                    long launches = TestEnvironment.KernelLaunches();
                    using GpuFrame gpu = AnimationPipeline.Run(frameOnDevice, otherOnDevice, deviceLogo);
                    Assert.True(TestEnvironment.KernelLaunches() - launches >= 40, "the device pipeline did not launch its kernels on the emulator");
                    Assert.Same(device, gpu.Device);
                    using GpuFrame downloaded = gpu.Download();

                    Assert.Equal(PixelFormat.Nv12, cpu.Format);
                    Planes.AssertIdentical(cpu, downloaded, $"frame {i}");
                    cpuWriter.WriteFrame(cpu);
                    gpuWriter.WriteFrame(downloaded);
                }
                await cpuWriter.CompleteAsync(TestContext.Current.CancellationToken);
                await gpuWriter.CompleteAsync(TestContext.Current.CancellationToken);
            }
            string cpuMd5 = FrameMd5(cpuPath), gpuMd5 = FrameMd5(gpuPath);
            Assert.Equal(30, cpuMd5.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')));
            Assert.Equal(cpuMd5, gpuMd5);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Device_memory_stays_flat_over_a_thousand_frames_of_operations()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using GpuFrame hostA = Planes.Synthetic(PixelFormat.Nv12, 96, 64, 1);
        using GpuFrame hostB = Planes.Synthetic(PixelFormat.Nv12, 96, 64, 2);
        using GpuFrame hostLogo = Planes.Synthetic(PixelFormat.Rgba, 16, 12, 3);
        using GpuFrame a = hostA.Upload(device);
        using GpuFrame b = hostB.Upload(device);
        using GpuFrame logo = hostLogo.Upload(device);
        long settled = 0;
        for (int i = 0; i < 1000; i++)
        {
            a.Pts = i;
            using (GpuFrame rgba = a.ToRgba())
            using (GpuFrame back = rgba.RoundCorners(4).FromRgba(PixelFormat.Nv12))
            using (GpuFrame scaled = back.Scale(48, 32, ScaleFilter.Lanczos3))
            using (GpuFrame cropped = scaled.Crop(new Rectangle(8, 8, 32, 16)))
            {
                a.Overlay(logo, 10.5 + (i % 7), 3.25).CrossFade(b, 0.5).GaussianBlur(1.0 + (i % 3)).Vignette(0.3);
            }
            if (i == 99) settled = TestEnvironment.LiveAllocations();
        }
        device.Synchronize();
        long after = TestEnvironment.LiveAllocations();
        Assert.True(after <= settled, $"emulated device allocations grew from {settled} (after 100 frames) to {after} (after 1,000)");
    }

    [Fact]
    public void Frames_on_different_devices_in_one_operation_throw_a_clear_error()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using GpuFrame host = Planes.Synthetic(PixelFormat.Yuv420P, 32, 16, 4);
        using GpuFrame onDevice = host.Upload(device);
        var error = Assert.Throws<FrameOperationException>(() => onDevice.CrossFade(host, 0.5));
        Assert.Contains(device.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("ToDevice", error.Message, StringComparison.Ordinal);
    }

    private static string FrameMd5(string path) => FFmpegCli.Run("ffmpeg", "-v", "error", "-i", path, "-f", "framemd5", "-");
}
