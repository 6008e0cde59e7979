// Why: the managed side of the VMAF VIF/motion kernels (CudaLumaLoader, CudaVifFeatures, CudaMotionFeatures) run
// end to end through the libcuda emulator, which executes the real host-compiled kernels: decoded frames uploaded to
// the device, luma packed there, features computed there, and every number equal to the CPU extractors' bits.
// This project hosts it because its emulator runs libovni_kernels_host.so (Ovni.Cuda.Tests' runs a test library).
using Ovni.Devices.Cuda;
using Ovni.Quality.Cuda;
using Ovni.Kernels.Quality;

namespace Ovni.Operations.Tests;

public sealed class CudaVifMotionTests
{
    private const int Frames = 3;

    [Theory]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuv420P)]
    public void Eight_bit_frames_and_their_crf40_encode_score_like_the_cpu(PixelFormat format) =>
        AssertDeviceFeaturesEqualCpu("internal_emulator_transformer_output.mp4", "crop=640:360:320:180", tenBit: false, format, 640, 360);

    [Theory]
    [InlineData(PixelFormat.P010)]
    [InlineData(PixelFormat.Yuv420P10)]
    public void Ten_bit_frames_and_their_crf40_encode_score_like_the_cpu(PixelFormat format) =>
        AssertDeviceFeaturesEqualCpu("hdr10-video-with-sdr-container.mp4", "crop=480:270:720:400", tenBit: true, format, 480, 270);

    [Fact]
    public void Sizes_depths_and_buffers_that_do_not_fit_are_refused_before_any_launch()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        Assert.Throws<OvniException>(() => new CudaVifFeatures(device, 15, 64));
        Assert.Throws<OvniException>(() => new CudaMotionFeatures(device, 64, 2));
        using var vif = new CudaVifFeatures(device, 64, 48);
        using var motion = new CudaMotionFeatures(device, 64, 48);
        using CudaDeviceBuffer fits = CudaDeviceBuffer.AllocatePitched(device.Context, 2 * 64, 48);
        using CudaDeviceBuffer packed = CudaDeviceBuffer.Allocate(device.Context, 2 * 64 * 48);
        using CudaDeviceBuffer narrow = CudaDeviceBuffer.AllocatePitched(device.Context, 2 * 63, 48);
        using CudaDeviceBuffer shortLinear = CudaDeviceBuffer.Allocate(device.Context, (2 * 64 * 48) - 2);
        using CudaContext otherContext = CudaContext.Create();
        using CudaDeviceBuffer foreign = CudaDeviceBuffer.AllocatePitched(otherContext, 2 * 64, 48);
        var scales = new VifScaleResult[4];
        long launches = TestEnvironment.KernelLaunches();

        Assert.Contains("cannot hold 64x48", Assert.Throws<OvniException>(() => vif.Compute(fits, narrow, 8, scales)).Message);
        Assert.Contains("cannot hold 64x48", Assert.Throws<OvniException>(() => vif.Compute(shortLinear, fits, 8, scales)).Message);
        Assert.Contains("another CUDA context", Assert.Throws<OvniException>(() => vif.Compute(fits, foreign, 8, scales)).Message);
        Assert.Contains("bit depth 7", Assert.Throws<OvniException>(() => vif.Compute(fits, packed, 7, scales)).Message);
        Assert.Contains("VIF has 4", Assert.Throws<OvniException>(() => vif.Compute(fits, packed, 8, scales.AsSpan(0, 3))).Message);
        Assert.Contains("another CUDA context", Assert.Throws<OvniException>(() => motion.Compute(foreign, fits, 8)).Message);
        Assert.Contains("cannot hold 64x48", Assert.Throws<OvniException>(() => motion.Compute(fits, narrow, 10)).Message);
        CudaKernels launcher = device.Kernels;
        Assert.Throws<OvniException>(() => CudaLumaLoader.Load(launcher, fits.DevicePointer, 128, 64, 48, 3, 0, packed));
        Assert.Throws<OvniException>(() => CudaLumaLoader.Load(launcher, fits.DevicePointer, 128, 64, 48, 1, 2, packed));
        Assert.Throws<OvniException>(() => CudaLumaLoader.Load(launcher, fits.DevicePointer, 100, 64, 48, 2, 0, packed));
        Assert.Throws<OvniException>(() => CudaLumaLoader.Load(launcher, fits.DevicePointer, 128, 64, 48, 2, 6, foreign));
        Assert.Equal(launches, TestEnvironment.KernelLaunches());

        // Pitched and linear buffers of the right size are both accepted.
        fits.Fill(0);
        packed.Fill(0);
        vif.Compute(fits, packed, 8, scales);
        Assert.Equal(0.0, motion.Compute(fits, packed, 8));
    }

    [Fact]
    public void Device_memory_is_returned_on_dispose_and_compute_allocates_nothing()
    {
        TestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using GpuFrame hostA = Planes.Synthetic(PixelFormat.Nv12, 96, 64, 1, smooth: true);
        using GpuFrame hostB = Planes.Synthetic(PixelFormat.Nv12, 96, 64, 2);
        using GpuFrame a = hostA.Upload(device);
        using GpuFrame b = hostB.Upload(device);
        CudaKernels launcher = device.Kernels;
        long before = TestEnvironment.LiveAllocations();
        using (CudaDeviceBuffer lumaA = CudaDeviceBuffer.AllocatePitched(device.Context, 2 * 96, 64))
        using (CudaDeviceBuffer lumaB = CudaDeviceBuffer.AllocatePitched(device.Context, 2 * 96, 64))
        using (var vif = new CudaVifFeatures(device, 96, 64))
        using (var motion = new CudaMotionFeatures(device, 96, 64))
        {
            Assert.True(TestEnvironment.LiveAllocations() > before);
            var scales = new VifScaleResult[4];
            void ScoreOnce()
            {
                CudaLumaLoader.Load(launcher, (ulong)a.GetPlanePointer(0), a.GetPitch(0), 96, 64, 1, 0, lumaA);
                CudaLumaLoader.Load(launcher, (ulong)b.GetPlanePointer(0), b.GetPitch(0), 96, 64, 1, 0, lumaB);
                vif.Compute(lumaA, lumaB, 8, scales);
                motion.Compute(lumaA, lumaB, 8);
            }

            ScoreOnce(); // first use loads the PTX modules
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) ScoreOnce();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        Assert.Equal(before, TestEnvironment.LiveAllocations());
    }

    private static void AssertDeviceFeaturesEqualCpu(string clip, string crop, bool tenBit, PixelFormat format, int width, int height)
    {
        TestEnvironment.RequireEmulator();
        string source = TestMedia.Require(clip);
        string temp = Directory.CreateTempSubdirectory("ovni-cuda-vif-").FullName;
        var reference = new List<GpuFrame>();
        var distorted = new List<GpuFrame>();
        try
        {
            // A lossless copy of the cropped frames, and the same frames through x264 at crf 40.
            string pixelFormat = tenBit ? "yuv420p10le" : "yuv420p";
            string lossless = Path.Combine(temp, "ref.mkv"), crf40 = Path.Combine(temp, "crf40.mkv");
            string[] input = ["-v", "error", "-y", "-i", source, "-map", "0:v:0", "-frames:v", $"{Frames}", "-vf", crop, "-fps_mode", "passthrough", "-pix_fmt", pixelFormat];
            FFmpegCli.Run("ffmpeg", [.. input, "-c:v", "ffv1", lossless]);
            FFmpegCli.Run("ffmpeg", [.. input, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", crf40]);
            reference.AddRange(TestEnvironment.Decode(lossless, Frames, format));
            distorted.AddRange(TestEnvironment.Decode(crf40, Frames, format));
            Assert.Equal(Frames, reference.Count);
            Assert.Equal(Frames, distorted.Count);

            int bitDepth = tenBit ? 10 : 8;
            int bytesPerSample = tenBit ? 2 : 1, shift = format == PixelFormat.P010 ? 6 : 0;
            using CudaDevice device = CudaDevice.Open();
            CudaKernels launcher = device.Kernels;
            using var vif = new CudaVifFeatures(device, width, height);
            using var motion = new CudaMotionFeatures(device, width, height);
            var cpuVif = new VifExtractor(width, height);
            var cpuMotion = new MotionExtractor(width, height);
            // Linear (packed) buffers for the reference, pitched ones for the distorted frame: both layouts in use.
            using CudaDeviceBuffer refLuma = CudaDeviceBuffer.Allocate(device.Context, 2 * width * height);
            using CudaDeviceBuffer previousLuma = CudaDeviceBuffer.Allocate(device.Context, 2 * width * height);
            using CudaDeviceBuffer distLuma = CudaDeviceBuffer.AllocatePitched(device.Context, 2 * width, height);
            var gpuScales = new VifScaleResult[4];
            var cpuScales = new VifScaleResult[4];
            ushort[]? previousCpu = null;
            for (int i = 0; i < Frames; i++)
            {
                using DeviceLuma refOnDevice = DeviceLuma.Upload(reference[i], device, width * bytesPerSample, height);
                using DeviceLuma distOnDevice = DeviceLuma.Upload(distorted[i], device, width * bytesPerSample, height);
                if (i > 0) previousLuma.CopyFrom(refLuma, device.Stream);
                CudaLumaLoader.Load(launcher, refOnDevice.Pointer, refOnDevice.Pitch, width, height, bytesPerSample, shift, refLuma);
                CudaLumaLoader.Load(launcher, distOnDevice.Pointer, distOnDevice.Pitch, width, height, bytesPerSample, shift, distLuma);
                ushort[] refCpu = Luma(reference[i], bitDepth), distCpu = Luma(distorted[i], bitDepth);
                Assert.Equal(refCpu, Download(refLuma, width, height));

                vif.Compute(refLuma, distLuma, bitDepth, gpuScales);
                cpuVif.Compute(refCpu, distCpu, bitDepth, cpuScales);
                for (int s = 0; s < 4; s++)
                {
                    AssertSameBits(cpuScales[s].Numerator, gpuScales[s].Numerator, $"{format} frame {i} VIF scale {s} numerator");
                    AssertSameBits(cpuScales[s].Denominator, gpuScales[s].Denominator, $"{format} frame {i} VIF scale {s} denominator");
                }
                Assert.InRange(cpuScales[0].Score, 0.05f, 0.99f); // crf 40 loses detail but keeps the picture

                if (previousCpu is not null)
                {
                    double expected = cpuMotion.Compute(previousCpu, refCpu, bitDepth);
                    double actual = motion.Compute(previousLuma, refLuma, bitDepth);
                    Assert.True(expected > 0, $"{clip}: consecutive frames should differ");
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                        $"{format} frame {i} motion: CPU {expected:R}, CUDA {actual:R}");
                }
                previousCpu = refCpu;
            }
        }
        finally
        {
            foreach (GpuFrame frame in reference.Concat(distorted)) frame.Dispose();
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// A frame's luma on the device: the uploaded frame where FFmpeg's CUDA frames support the format (NV12, yuv420p,
    /// P010), otherwise (yuv420p10le) the luma plane copied into a pitched device buffer, as a decoder's plane would be.
    /// </summary>
    private sealed class DeviceLuma : IDisposable
    {
        private readonly GpuFrame? _frame;
        private readonly CudaDeviceBuffer? _buffer;

        private DeviceLuma(GpuFrame? frame, CudaDeviceBuffer? buffer, ulong pointer, int pitch)
        {
            _frame = frame;
            _buffer = buffer;
            Pointer = pointer;
            Pitch = pitch;
        }

        public ulong Pointer { get; }

        public int Pitch { get; }

        public static unsafe DeviceLuma Upload(GpuFrame host, CudaDevice device, int rowBytes, int height)
        {
            if (host.Format != PixelFormat.Yuv420P10)
            {
                GpuFrame frame = host.Upload(device);
                return new DeviceLuma(frame, null, (ulong)frame.GetPlanePointer(0), frame.GetPitch(0));
            }
            CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(device.Context, rowBytes, height);
            int pitch = host.GetPitch(0);
            buffer.CopyFromHost(new ReadOnlySpan<byte>((void*)host.GetPlanePointer(0), ((height - 1) * pitch) + rowBytes), pitch, device.Stream);
            return new DeviceLuma(null, buffer, buffer.DevicePointer, (int)buffer.Pitch);
        }

        public void Dispose()
        {
            _frame?.Dispose();
            _buffer?.Dispose();
        }
    }

    // The CPU extractors' input: luma samples as 16-bit values (P010 keeps its 10 bits in the high bits of each word).
    private static ushort[] Luma(GpuFrame frame, int bitDepth)
    {
        int width = frame.Width, height = frame.Height;
        var samples = new ushort[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                samples[(y * width) + x] = bitDepth == 8
                    ? frame.GetPlane<byte>(0)[y, x]
                    : (ushort)(frame.GetPlane<ushort>(0)[y, x] >> (frame.Format == PixelFormat.P010 ? 6 : 0));
            }
        }
        return samples;
    }

    private static ushort[] Download(CudaDeviceBuffer packed, int width, int height)
    {
        var bytes = new byte[2 * width * height];
        packed.CopyToHost(bytes, bytes.Length);
        var samples = new ushort[width * height];
        Buffer.BlockCopy(bytes, 0, samples, 0, bytes.Length);
        return samples;
    }

    private static void AssertSameBits(float expected, float actual, string what) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: CPU {expected:R}, CUDA {actual:R}");
}
