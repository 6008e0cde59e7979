// QualityScorer on CUDA frames (through the emulator, which runs the real VMAF kernels host-compiled): every per-frame
// score and feature must equal the CPU scorer's exactly, for 8-bit (nv12, yuv420p) and 10-bit (p010) frames, with and
// without subsampling; misuse fails with the reason.
using Ovni.Quality;

namespace Ovni.Operations.Tests;

public sealed class DeviceQualityScoringTests
{
    public static TheoryData<PixelFormat, int> Cases() => new()
    {
        { PixelFormat.Nv12, 1 },
        { PixelFormat.Yuv420P, 1 },
        { PixelFormat.Nv12, 2 },
        { PixelFormat.P010, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Device_scores_equal_the_cpu_scores_exactly(PixelFormat deviceFormat, int subsample)
    {
        TestEnvironment.RequireEmulator();
        bool tenBit = deviceFormat == PixelFormat.P010;
        string model = TestMedia.RequireShared(Path.Combine("vmaf", "models", "vmaf_v0.6.1.json"));
        using var folder = new TempDirectory();
        (List<GpuFrame> reference, List<GpuFrame> distorted) = Pair(folder, tenBit);
        try
        {
            var options = new QualityOptions { Model = VmafModel.Load(model), Subsample = subsample, Threads = 2 };
            var format = new YuvFormat(reference[0].Width, reference[0].Height, tenBit ? 10 : 8);
            QualityResult cpu = await Score(format, options, reference, distorted, f => f.Share());

            using CudaDevice device = CudaDevice.Open();
            using var toDevice = new FrameConverter(deviceFormat);
            long launches = TestEnvironment.KernelLaunches();
            QualityResult gpu = await Score(format, options, reference, distorted, f =>
            {
                using GpuFrame converted = f.Format == deviceFormat ? f.Share() : toDevice.Convert(f);
                return converted.Upload(device);
            });
            Assert.True(TestEnvironment.KernelLaunches() - launches >= 10 * gpu.Frames.Count, "the VMAF features did not run as kernels");

            Assert.Equal((reference.Count + subsample - 1) / subsample, cpu.Frames.Count);
            Assert.Equal(cpu.Frames.Count, gpu.Frames.Count);
            for (int i = 0; i < cpu.Frames.Count; i++)
            {
                QualityFrameScores c = cpu.Frames[i], g = gpu.Frames[i];
                Assert.Equal(c.FrameNumber, g.FrameNumber);
                Assert.Equal(c.Vmaf, g.Vmaf);
                Assert.Equal(c.Adm2, g.Adm2);
                Assert.Equal(c.Motion2, g.Motion2);
                Assert.Equal(c.VifScale0, g.VifScale0);
                Assert.Equal(c.VifScale3, g.VifScale3);
                Assert.Equal(c.PsnrY, g.PsnrY);
                Assert.Equal(c.PsnrCb, g.PsnrCb);
                Assert.Equal(c.Ssim, g.Ssim);
            }
            // The distortion is real: crf 40 costs VMAF points, and frames differ from each other.
            Assert.InRange(cpu.Vmaf.Mean, 20, 99);
            Assert.True(cpu.Frames.Select(f => f.Vmaf).Distinct().Count() > 1);
        }
        finally
        {
            reference.ForEach(f => f.Dispose());
            distorted.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Scoring_files_on_a_device_gives_the_cpu_result()
    {
        TestEnvironment.RequireEmulator();
        string model = TestMedia.RequireShared(Path.Combine("vmaf", "models", "vmaf_v0.6.1.json"));
        using var folder = new TempDirectory();
        (string reference, string distorted) = PairFiles(folder, tenBit: false);
        var options = new QualityOptions { Model = VmafModel.Load(model), Threads = 2 };
        QualityResult cpu = await QualityScorer.ScoreFilesAsync(reference, distorted, options, cancellationToken: TestContext.Current.CancellationToken);
        long launches = TestEnvironment.KernelLaunches();
        QualityResult gpu = await QualityScorer.ScoreFilesAsync(reference, distorted, options with { Configuration = new OvniConfiguration { Device = DeviceKind.Cuda } },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(TestEnvironment.KernelLaunches() - launches >= 10 * gpu.Frames.Count, "the device path did not launch the VMAF kernels");
        Assert.Equal(9, gpu.Frames.Count);
        Assert.Equal(cpu.Frames.Select(f => f.Vmaf), gpu.Frames.Select(f => f.Vmaf));
        Assert.Equal(cpu.Frames.Select(f => f.PsnrY), gpu.Frames.Select(f => f.PsnrY));
        Assert.Equal(cpu.Vmaf, gpu.Vmaf);
    }

    [Fact]
    public async Task Misuse_fails_with_the_reason()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using GpuFrame host = Planes.Synthetic(PixelFormat.Nv12, 64, 48, 1);
        using GpuFrame onDevice = host.Upload(device);
        using GpuFrame small = Planes.Synthetic(PixelFormat.Nv12, 32, 48, 2);
        using GpuFrame smallOnDevice = small.Upload(device);
        using GpuFrame planar = Planes.Synthetic(PixelFormat.Yuv420P, 64, 48, 3);
        var options = new QualityOptions { Metrics = QualityMetrics.Psnr | QualityMetrics.Ssim, Threads = 1 };

        await using (var scorer = new QualityScorer(new YuvFormat(64, 48), options))
        {
            Assert.Contains("same CUDA device", Assert.Throws<OvniException>(() => scorer.Add(onDevice, planar)).Message);
            Assert.Contains("64x48", Assert.Throws<OvniException>(() => scorer.Add(onDevice, smallOnDevice)).Message);
            scorer.Add(onDevice, onDevice);
            Assert.Contains("cannot be mixed", Assert.Throws<OvniException>(() => scorer.Add(planar, planar)).Message);
            QualityResult result = await scorer.CompleteAsync(TestContext.Current.CancellationToken);
            Assert.Equal(60, Assert.Single(result.Frames).PsnrY); // identical frames: libvmaf's cap, 6 * 8 + 12 dB
        }
        await using (var scorer = new QualityScorer(new YuvFormat(64, 48), options))
        {
            scorer.Add(planar, planar);
            Assert.Contains("cannot be mixed", Assert.Throws<OvniException>(() => scorer.Add(onDevice, onDevice)).Message);
            Assert.Contains("yuv420p", Assert.Throws<OvniException>(() => scorer.Add(host, host)).Message);
        }
    }

    private static async Task<QualityResult> Score(YuvFormat format, QualityOptions options, List<GpuFrame> reference,
        List<GpuFrame> distorted, Func<GpuFrame, GpuFrame> prepare)
    {
        await using var scorer = new QualityScorer(format, options);
        for (int i = 0; i < reference.Count; i++)
        {
            using GpuFrame r = prepare(reference[i]);
            using GpuFrame d = prepare(distorted[i]);
            scorer.Add(r, d);
        }
        return await scorer.CompleteAsync(TestContext.Current.CancellationToken);
    }

    // 9 frames of real footage at 320x180 (lossless reference) and the same after x264 crf 40, decoded to planar YUV.
    private static (List<GpuFrame> Reference, List<GpuFrame> Distorted) Pair(TempDirectory folder, bool tenBit)
    {
        (string reference, string distorted) = PairFiles(folder, tenBit);
        PixelFormat planar = tenBit ? PixelFormat.Yuv420P10 : PixelFormat.Yuv420P;
        return (TestEnvironment.Decode(reference, 9, planar), TestEnvironment.Decode(distorted, 9, planar));
    }

    private static (string Reference, string Distorted) PairFiles(TempDirectory folder, bool tenBit)
    {
        string clip = TestMedia.Require(tenBit ? "hdr10-video-with-sdr-container.mp4" : "tears-of-steel-battle-clip-medium.webm");
        string pixelFormat = tenBit ? "yuv420p10le" : "yuv420p";
        string reference = folder.File("ref.mkv"), distorted = folder.File("dist.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", clip, "-frames:v", "9", "-vf", "scale=320:180", "-pix_fmt", pixelFormat,
            "-c:v", "ffv1", reference);
        FFmpegCli.Run("ffmpeg", "-v", "error", "-y", "-i", reference, "-c:v", "libx264", "-crf", "40", "-pix_fmt", pixelFormat, distorted);
        return (reference, distorted);
    }
}
