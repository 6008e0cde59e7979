// Captions burnt into CUDA frames (through the emulator) must give the CPU backend's pixels on real footage, and a
// caption's masks must reach the device once per caption change, not once per frame.
using Ovni.Captions;

namespace Ovni.Operations.Tests;

public sealed class CaptionParityTests
{
    private const string Clip = "tears-of-steel-battle-clip-medium.webm"; // 800x332, 24 fps

    private const string Srt = """
        1
        00:00:00,100 --> 00:00:00,500
        Ovni burns captions on the GPU

        2
        00:00:00,500 --> 00:00:00,900
        <i>two lines</i>
        with the same pixels

        """;

    [Theory]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv420P)]
    public async Task Captions_on_device_frames_equal_the_cpu_backend(PixelFormat format)
    {
        TestEnvironment.RequireEmulator();
        Fonts.Require();
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require(Clip), 24, format);
        string folder = Directory.CreateTempSubdirectory("ovni-captions-").FullName;
        try
        {
            string srt = Path.Combine(folder, "captions.srt");
            File.WriteAllText(srt, Srt);
            CaptionTrack track = CaptionTrack.Load(srt);
            using CudaDevice device = CudaDevice.Open();
            List<GpuFrame> cpu = await FrameStreams.Collect(FrameStreams.Of(frames, f => f.Share()).Captions(track));
            long launches = TestEnvironment.KernelLaunches();
            List<GpuFrame> gpu = await FrameStreams.Collect(FrameStreams.Of(frames, f => f.Upload(device)).Captions(track));
            try
            {
                Assert.True(TestEnvironment.KernelLaunches() - launches > 16, "the captions were not blended by the kernel");
                int captioned = 0;
                for (int i = 0; i < frames.Count; i++)
                {
                    Assert.Same(device, gpu[i].Device);
                    using GpuFrame downloaded = gpu[i].Download();
                    Planes.AssertIdentical(cpu[i], downloaded, $"frame {i}");
                    if (!Planes.Snapshot(cpu[i])[0].Cast<byte>().SequenceEqual(Planes.Snapshot(frames[i])[0].Cast<byte>())) captioned++;
                }
                Assert.InRange(captioned, 18, 20); // cues cover 0.1-0.9 s: frames 3..21 at 24 fps
            }
            finally
            {
                cpu.ForEach(f => f.Dispose());
                gpu.ForEach(f => f.Dispose());
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Caption_masks_are_uploaded_once_per_caption_change()
    {
        TestEnvironment.RequireEmulator();
        Fonts.Require();
        string folder = Directory.CreateTempSubdirectory("ovni-captions-").FullName;
        try
        {
            string srt = Path.Combine(folder, "captions.srt");
            File.WriteAllText(srt, Srt);
            using CudaDevice device = CudaDevice.Open();
            using GpuFrame host = Planes.Synthetic(PixelFormat.Nv12, 640, 360, 4);
            using GpuFrame frame = host.Upload(device);
            using var renderer = new CaptionRenderer(CaptionTrack.Load(srt), 640, 360);
            using var compositor = new CaptionCompositor();
            var partsPerVersion = new Dictionary<long, int>();
            for (int i = 0; i < 24; i++)
            {
                CaptionFrame captions = renderer.Render(TimeSpan.FromSeconds(i / 24.0));
                if (captions.Bitmaps.Count == 0) continue;
                partsPerVersion[captions.Version] = captions.Bitmaps.Count;
                compositor.Composite(frame, captions);
            }
            Assert.Equal(2, partsPerVersion.Count);
            Assert.Equal(2 * partsPerVersion.Values.Sum(), compositor.DeviceUploads);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
