// ChromaKeyToRgba (FFmpeg's chromakey function; FfmpegComparisonTests checks it against the filter) on CUDA frames
// through the emulator, and with a format it does not take.
namespace Ovni.Operations.Tests;

public sealed class ChromaKeyToRgbaTests
{
    [Fact]
    public void Device_frames_key_exactly_like_host_frames()
    {
        TestEnvironment.RequireEmulator();
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require("tears-of-steel-battle-clip-medium.webm"), 2, PixelFormat.Yuv420P);
        try
        {
            using CudaDevice device = CudaDevice.Open();
            var key = new RgbaColor(40, 60, 70);
            foreach (GpuFrame frame in frames)
            {
                using GpuFrame cpu = frame.ChromaKeyToRgba(key, 0.1, 0.1);
                using GpuFrame onDevice = frame.Upload(device);
                using GpuFrame gpu = onDevice.ChromaKeyToRgba(key, 0.1, 0.1);
                Assert.Same(device, gpu.Device);
                using GpuFrame downloaded = gpu.Download();
                Planes.AssertIdentical(cpu, downloaded, $"frame {frame.Index}");
                var alpha = cpu.GetPlane<byte>(0);
                int keyed = 0;
                for (int y = 0; y < alpha.Height; y++)
                    for (int x = 3; x < alpha.Width; x += 4)
                        if (alpha[y, x] < 255) keyed++;
                Assert.True(keyed > 0, "the dark key colour should take some of this night footage");
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Nv12_is_refused_with_the_reason()
    {
        using GpuFrame nv12 = Planes.Synthetic(PixelFormat.Nv12, 32, 32, 1);
        Assert.Contains("ChromaKeyToRgba", Assert.Throws<FrameOperationException>(() => nv12.ChromaKeyToRgba(RgbaColor.Black, 0.1, 0)).Message);
    }
}
