// CudaAdmFeatures through the whole managed CUDA path on the emulator (module load from the embedded PTX, argument
// checks, launches, download): on real 8-bit and 10-bit frames against their x264 crf 40 encodes it must give
// exactly AdmExtractor's numbers, refuse wrong inputs before launching anything, and leave no device memory behind.
// This project hosts it because its emulator runs libovni_kernels_host.so (Ovni.Cuda.Tests' runs a test library).
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Quality.Cuda;
using Ovni.Kernels.Quality;

namespace Ovni.Operations.Tests;

public sealed class CudaAdmTests
{
    [Theory]
    [InlineData("tears-of-steel-battle-clip-medium.webm", 800, 332, 8)]
    [InlineData("hdr10-video-with-sdr-container.mp4", 1920, 1080, 10)]
    public void Real_frames_score_exactly_as_the_cpu_extractor(string clip, int width, int height, int bitDepth)
    {
        TestEnvironment.RequireEmulator();
        List<(ushort[] Reference, ushort[] Distorted)> pairs = LumaPairs(clip, width, height, bitDepth, frames: 2);
        var cpu = new AdmExtractor(width, height);
        float[] cpuNum = new float[4], cpuDen = new float[4], gpuNum = new float[4], gpuDen = new float[4];
        long allocationsBefore = TestEnvironment.LiveAllocations();
        long launchesBefore = TestEnvironment.KernelLaunches();
        using (CudaDevice device = CudaDevice.Open())
        {
            using var adm = new CudaAdmFeatures(device, width, height);
            using CudaDeviceBuffer reference = CudaDeviceBuffer.Allocate(device.Context, width * height * sizeof(ushort));
            using CudaDeviceBuffer distorted = CudaDeviceBuffer.Allocate(device.Context, width * height * sizeof(ushort));
            foreach ((ushort[] refLuma, ushort[] distLuma) in pairs)
            {
                Upload(reference, refLuma);
                Upload(distorted, distLuma);
                double expected = cpu.Compute(refLuma, distLuma, bitDepth, cpuNum, cpuDen);
                double actual = adm.Compute(reference, distorted, bitDepth, gpuNum, gpuDen);

                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
                Assert.Equal(cpuNum.Select(BitConverter.SingleToInt32Bits), gpuNum.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(cpuDen.Select(BitConverter.SingleToInt32Bits), gpuDen.Select(BitConverter.SingleToInt32Bits));
                Assert.InRange(actual, 0.3, 0.999); // crf 40 loses detail: a real, non-trivial score
            }
        }

        // Per frame: 4 scales x (2 x 2 DWT passes + decouple + 2 term passes + row sums).
        Assert.Equal(launchesBefore + (pairs.Count * 4 * 8), TestEnvironment.KernelLaunches());
        Assert.Equal(allocationsBefore, TestEnvironment.LiveAllocations());
    }

    [Fact]
    public void A_pitched_luma_buffer_gives_the_same_result_as_a_packed_one()
    {
        TestEnvironment.RequireEmulator();
        const int width = 203, height = 117;
        (ushort[] refLuma, ushort[] distLuma) = RandomPair(width, height, seed: 4);
        using CudaDevice device = CudaDevice.Open();
        using var adm = new CudaAdmFeatures(device, width, height);
        using CudaDeviceBuffer packedRef = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        using CudaDeviceBuffer packedDist = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        using CudaDeviceBuffer pitchedRef = CudaDeviceBuffer.AllocatePitched(device.Context, width * 2, height);
        using CudaDeviceBuffer pitchedDist = CudaDeviceBuffer.AllocatePitched(device.Context, width * 2, height);
        Upload(packedRef, refLuma);
        Upload(packedDist, distLuma);
        pitchedRef.CopyFromHost(MemoryMarshal.AsBytes(refLuma.AsSpan()), width * 2);
        pitchedDist.CopyFromHost(MemoryMarshal.AsBytes(distLuma.AsSpan()), width * 2);
        Assert.NotEqual(width * 2, pitchedRef.Pitch);

        float[] num = new float[4], den = new float[4], cpuNum = new float[4], cpuDen = new float[4];
        double packed = adm.Compute(packedRef, packedDist, 8, num, den);
        double pitched = adm.Compute(pitchedRef, pitchedDist, 8, num, den);
        double cpu = new AdmExtractor(width, height).Compute(refLuma, distLuma, 8, cpuNum, cpuDen);

        Assert.Equal(BitConverter.DoubleToInt64Bits(cpu), BitConverter.DoubleToInt64Bits(packed));
        Assert.Equal(BitConverter.DoubleToInt64Bits(cpu), BitConverter.DoubleToInt64Bits(pitched));
    }

    [Fact]
    public void Scoring_a_frame_allocates_nothing_on_the_managed_heap()
    {
        TestEnvironment.RequireEmulator();
        const int width = 96, height = 64;
        (ushort[] refLuma, ushort[] distLuma) = RandomPair(width, height, seed: 9);
        using CudaDevice device = CudaDevice.Open();
        using var adm = new CudaAdmFeatures(device, width, height);
        using CudaDeviceBuffer reference = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        using CudaDeviceBuffer distorted = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        Upload(reference, refLuma);
        Upload(distorted, distLuma);
        float[] num = new float[4], den = new float[4];
        double first = adm.Compute(reference, distorted, 8, num, den); // loads the module

        long before = GC.GetAllocatedBytesForCurrentThread();
        double second = adm.Compute(reference, distorted, 8, num, den);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Wrong_inputs_are_refused_before_any_launch()
    {
        TestEnvironment.RequireEmulator();
        const int width = 64, height = 48;
        using CudaDevice device = CudaDevice.Open();
        using CudaContext otherContext = CudaContext.Create();
        using var adm = new CudaAdmFeatures(device, width, height);
        using CudaDeviceBuffer reference = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        using CudaDeviceBuffer distorted = CudaDeviceBuffer.Allocate(device.Context, width * height * 2);
        using CudaDeviceBuffer tooSmall = CudaDeviceBuffer.Allocate(device.Context, (width * height * 2) - 2);
        using CudaDeviceBuffer elsewhere = CudaDeviceBuffer.Allocate(otherContext, width * height * 2);
        reference.Fill(0);
        distorted.Fill(0);
        float[] num = new float[4], den = new float[4];
        long launches = TestEnvironment.KernelLaunches();

        Assert.Contains("cannot hold 64x48", Assert.Throws<OvniException>(() => adm.Compute(reference, tooSmall, 8, num, den)).Message);
        Assert.Contains("another CUDA context", Assert.Throws<OvniException>(() => adm.Compute(elsewhere, distorted, 8, num, den)).Message);
        Assert.Contains("bit depth 16 is not supported", Assert.Throws<OvniException>(() => adm.Compute(reference, distorted, 16, num, den)).Message);
        Assert.Contains("4 scales", Assert.Throws<OvniException>(() => adm.Compute(reference, distorted, 8, new float[3], den)).Message);
        Assert.Contains("too small", Assert.Throws<OvniException>(() => new CudaAdmFeatures(device, 16, 480)).Message);
        Assert.Equal(launches, TestEnvironment.KernelLaunches());

        // Identical frames: nothing lost, the score is exactly 1 (and the instance is still usable after refusals).
        Assert.Equal(1.0, adm.Compute(reference, reference, 8, num, den));
    }

    [Fact]
    public void Disposing_frees_every_device_buffer()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        long before = TestEnvironment.LiveAllocations();
        var adm = new CudaAdmFeatures(device, 1920, 1080);
        Assert.True(TestEnvironment.LiveAllocations() > before);
        adm.Dispose();
        adm.Dispose();
        Assert.Equal(before, TestEnvironment.LiveAllocations());
        Assert.Throws<ObjectDisposedException>(() => adm.Compute(null!, null!, 8, new float[4], new float[4]));
    }

    private static void Upload(CudaDeviceBuffer buffer, ushort[] luma)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(luma.AsSpan());
        buffer.CopyFromHost(bytes, bytes.Length);
    }

    private static (ushort[] Reference, ushort[] Distorted) RandomPair(int width, int height, int seed)
    {
        var random = new Random(seed);
        ushort[] reference = new ushort[width * height], distorted = new ushort[width * height];
        for (int i = 0; i < reference.Length; i++)
        {
            reference[i] = (ushort)((i % width) + random.Next(40));
            distorted[i] = (ushort)Math.Clamp(reference[i] + random.Next(-6, 7), 0, 255);
        }
        return (reference, distorted);
    }

    // Luma of a clip's first frames and of their x264 crf 40 encode, decoded to raw gray by the ffmpeg CLI.
    private static List<(ushort[] Reference, ushort[] Distorted)> LumaPairs(string clip, int width, int height, int bitDepth, int frames)
    {
        string source = TestMedia.Require(clip);
        string temp = Directory.CreateTempSubdirectory("ovni-cuda-adm-").FullName;
        try
        {
            string pixelFormat = bitDepth == 8 ? "yuv420p" : "yuv420p10le", gray = bitDepth == 8 ? "gray" : "gray10le";
            string encoded = Path.Combine(temp, "dist.mkv"), referenceRaw = Path.Combine(temp, "ref.raw"), distortedRaw = Path.Combine(temp, "dist.raw");
            RunFfmpeg("-i", source, "-map", "0:v:0", "-frames:v", $"{frames}", "-fps_mode", "passthrough", "-pix_fmt", pixelFormat, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", encoded);
            RunFfmpeg("-i", source, "-map", "0:v:0", "-frames:v", $"{frames}", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, referenceRaw);
            RunFfmpeg("-i", encoded, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, distortedRaw);
            ushort[][] reference = Split(File.ReadAllBytes(referenceRaw), width, height, bitDepth);
            ushort[][] distorted = Split(File.ReadAllBytes(distortedRaw), width, height, bitDepth);
            Assert.Equal(frames, reference.Length);
            Assert.Equal(frames, distorted.Length);
            return [.. reference.Zip(distorted)];
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static ushort[][] Split(byte[] raw, int width, int height, int bitDepth)
    {
        int bytesPerSample = bitDepth == 8 ? 1 : 2, frameBytes = width * height * bytesPerSample;
        Assert.Equal(0, raw.Length % frameBytes);
        var frames = new ushort[raw.Length / frameBytes][];
        for (int f = 0; f < frames.Length; f++)
        {
            ReadOnlySpan<byte> frame = raw.AsSpan(f * frameBytes, frameBytes);
            frames[f] = bitDepth == 8 ? [.. frame.ToArray().Select(b => (ushort)b)] : MemoryMarshal.Cast<byte, ushort>(frame).ToArray();
        }
        return frames;
    }

    private static void RunFfmpeg(params string[] args) =>
        FFmpegCli.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. args]);
}
