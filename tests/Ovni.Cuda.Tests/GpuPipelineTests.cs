// The whole CUDA path on the emulator, through the public API: MediaReader on a CUDA device (CPU decode +
// upload, as NVDEC is absent) → a kernel on the device frames → download → libx264 via MediaWriter. The
// output must be identical to the CPU-only pipeline doing the same pixel change on the host, and every
// device allocation must be gone once the pools are released.
using System.Runtime.CompilerServices;
using Ovni.Devices.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class GpuPipelineTests
{
    private static readonly VideoEncoderOptions X264 = new() { Encoder = "libx264", Preset = "ultrafast", Crf = 20, Threads = 1 };

    [Fact]
    public async Task Decode_upload_kernel_download_encode_matches_the_cpu_pipeline()
    {
        CudaTestEnvironment.RequireEmulator();
        string source = TestMedia.Require("sample_with_srt.mkv");
        string gpuOutput = Path.Combine(Path.GetTempPath(), $"ovni-gpu-{Guid.NewGuid():N}.mp4");
        string cpuOutput = Path.Combine(Path.GetTempPath(), $"ovni-cpu-{Guid.NewGuid():N}.mp4");
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        try
        {
            long allocationsBefore = CudaTestEnvironment.LiveAllocations();
            long launchesBefore = CudaTestEnvironment.KernelLaunches();
            using (CudaDevice device = CudaDevice.Open())
            using (var launcher = new CudaKernelLauncher(device, TestKernels.Source))
            {
                await using (MediaReader reader = MediaReader.Open(source, new MediaReaderOptions { Device = device }))
                await using (MediaWriter writer = MediaWriter.Create(gpuOutput, X264, source: reader.Video))
                {
                    await writer.WriteAsync(OnDevice(reader.ReadFramesAsync(cancellation), launcher), cancellationToken: cancellation);
                }
                device.TrimPools();
            }
            Assert.Equal(allocationsBefore, CudaTestEnvironment.LiveAllocations());

            await using (MediaReader reader = MediaReader.Open(source))
            await using (MediaWriter writer = MediaWriter.Create(cpuOutput, X264, source: reader.Video))
            {
                await writer.WriteAsync(OnHost(reader.ReadFramesAsync(cancellation)), cancellationToken: cancellation);
            }

            int frames = AssertSameVideo(cpuOutput, gpuOutput);
            Assert.Equal(30, frames);
            Assert.Equal(launchesBefore + frames, CudaTestEnvironment.KernelLaunches());
            Assert.Equal(File.ReadAllBytes(cpuOutput), File.ReadAllBytes(gpuOutput));
        }
        finally
        {
            File.Delete(gpuOutput);
            File.Delete(cpuOutput);
        }
    }

    [Fact]
    public void A_device_frame_given_to_a_software_encoder_is_refused_with_what_to_do()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var pool = new FramePool(PixelFormat.Yuv420P, 64, 64);
        using GpuFrame host = pool.Rent();
        FrameTransferTests.Fill(host, 2);
        using GpuFrame onDevice = host.Upload(device);
        string output = Path.Combine(Path.GetTempPath(), $"ovni-refused-{Guid.NewGuid():N}.mp4");
        using MediaWriter writer = MediaWriter.Create(output, X264);

        var error = Assert.Throws<OvniException>(() => writer.WriteFrame(onDevice));

        Assert.Contains("download it before encoding with libx264", error.Message);
        Assert.False(File.Exists(output));
    }

    private static async IAsyncEnumerable<GpuFrame> OnDevice(IAsyncEnumerable<GpuFrame> frames, CudaKernelLauncher launcher)
    {
        await foreach (GpuFrame frame in frames)
        {
            using (frame)
            {
                Assert.Same(launcher.Device, frame.Device);
                TestKernels.AddOneToLuma(launcher, frame);
                yield return frame.Download();
            }
        }
    }

    private static async IAsyncEnumerable<GpuFrame> OnHost(IAsyncEnumerable<GpuFrame> frames)
    {
        await foreach (GpuFrame frame in frames)
        {
            frame.MakeWritable();
            var luma = frame.GetPlane<byte>(0);
            for (int y = 0; y < luma.Height; y++)
            {
                Span<byte> row = luma.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++) row[x]++;
            }
            yield return frame;
        }
    }

    private static int AssertSameVideo(string expectedPath, string actualPath)
    {
        using MediaReader expected = MediaReader.Open(expectedPath);
        using MediaReader actual = MediaReader.Open(actualPath);
        int count = 0;
        while (true)
        {
            using GpuFrame? a = expected.ReadFrame();
            using GpuFrame? b = actual.ReadFrame();
            Assert.Equal(a is null, b is null);
            if (a is null || b is null) return count;
            Assert.Equal(a.Pts, b.Pts);
            TestMedia.AssertSamePixels(a, b);
            count++;
        }
    }
}
