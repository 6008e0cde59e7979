// Upload and download of real decoded frames through FFmpeg's av_hwframe_transfer_data on the emulated
// device: bit-exact in the four formats NVDEC/NVENC use, device frames describe their planes' layout,
// and the capped pools neither leak nor grow.
using Ovni.Interop.FFmpeg;

namespace Ovni.Cuda.Tests;

public sealed unsafe class FrameTransferTests
{
    [Theory]
    [InlineData("internal_emulator_transformer_output.mp4", PixelFormat.Nv12)]
    [InlineData("internal_emulator_transformer_output.mp4", PixelFormat.Yuv420P)]
    [InlineData("hdr10-video-with-sdr-container.mp4", PixelFormat.P010)]
    [InlineData("cockatoo.mp4", PixelFormat.Yuv444P)]
    public void Upload_then_download_round_trips_decoded_frames_bit_exactly(string file, PixelFormat format)
    {
        CudaTestEnvironment.RequireEmulator();
        string path = TestMedia.Require(file);
        using CudaDevice device = CudaDevice.Open();
        List<GpuFrame> frames = TestMedia.Decode(path, 3, format);
        try
        {
            Assert.Equal(3, frames.Count);
            long allocationsBefore = CudaTestEnvironment.LiveAllocations();
            foreach (GpuFrame host in frames)
            {
                using GpuFrame onDevice = host.Upload(device);
                Assert.Same(device, onDevice.Device);
                Assert.Equal(format, onDevice.Format);              // the planes' layout, not "cuda"
                Assert.Equal(PixelFormatInfo.Get(PixelFormat.Cuda).NativeId, onDevice.NativeFormat);
                Assert.Equal(host.Pts, onDevice.Pts);
                Assert.Throws<OvniException>(() => onDevice.GetPlane<byte>(0));
                Assert.True(CudaTestEnvironment.LiveAllocations() > allocationsBefore, "the upload did not allocate emulated device memory");
                for (int plane = 0; plane < onDevice.PlaneCount; plane++)
                {
                    Assert.True(onDevice.GetPitch(plane) >= onDevice.FormatInfo.PlaneWidthBytes(plane, onDevice.Width));
                    Assert.NotEqual(host.GetPlanePointer(plane), onDevice.GetPlanePointer(plane));
                }

                using GpuFrame back = onDevice.Download();
                Assert.Same(ComputeDevice.Cpu, back.Device);
                Assert.Equal(host.Pts, back.Pts);
                TestMedia.AssertSamePixels(host, back);
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Device_frame_pitch_differs_from_width_where_the_alignment_requires()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var pool = new FramePool(PixelFormat.Nv12, 320, 180);
        using GpuFrame host = pool.Rent();
        Fill(host, 7);

        using GpuFrame onDevice = host.Upload(device);

        Assert.Equal(512, onDevice.GetPitch(0)); // hwcontext_cuda aligns rows to 256 bytes
        using GpuFrame back = onDevice.Download();
        TestMedia.AssertSamePixels(host, back);
    }

    [Fact]
    public void Ten_thousand_uploads_and_downloads_keep_device_memory_bounded_and_free_it_all()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var pool = new FramePool(PixelFormat.Nv12, 64, 48);
        using GpuFrame host = pool.Rent();
        Fill(host, 3);
        long before = CudaTestEnvironment.LiveAllocations();
        long peak = before;

        for (int i = 0; i < 10_000; i++)
        {
            using GpuFrame onDevice = host.Upload(device);
            using GpuFrame back = onDevice.Download();
            peak = Math.Max(peak, CudaTestEnvironment.LiveAllocations());
            if (i % 1000 == 0)
            {
                Assert.Equal(host.GetPlane<byte>(1)[3, 5], back.GetPlane<byte>(1)[3, 5]);
            }
        }
        long during = CudaTestEnvironment.LiveAllocations();
        device.TrimPools();
        long after = CudaTestEnvironment.LiveAllocations();

        Assert.InRange(peak - before, 1, 2);   // one frame in flight at a time: the pool reuses its buffer
        Assert.Equal(peak, during);
        Assert.Equal(before, after);
        Assert.Equal(0, device.LiveFrameBuffers);
    }

    [Fact]
    public void A_pool_refuses_frames_beyond_its_cap_with_a_clear_error_and_recovers_when_frames_are_disposed()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open(0, new Devices.Cuda.CudaDeviceOptions { MaxFramesPerPool = 4 });
        using var pool = new FramePool(PixelFormat.Yuv420P, 64, 64);
        using GpuFrame host = pool.Rent();
        Fill(host, 1);
        var held = new List<GpuFrame>();
        try
        {
            for (int i = 0; i < 4; i++) held.Add(host.Upload(device));
            var error = Assert.Throws<OvniException>(() => host.Upload(device));
            Assert.Contains("all 4 frames of the pool are in use", error.Message);

            held[0].Dispose();
            held[0] = host.Upload(device);
        }
        finally
        {
            held.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Concurrent_uploads_while_pools_are_evicted_round_trip_and_release_everything()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open(0, new Devices.Cuda.CudaDeviceOptions { MaxCachedPools = 1 });
        using var smallPool = new FramePool(PixelFormat.Nv12, 64, 32);
        using var largePool = new FramePool(PixelFormat.Nv12, 96, 64);
        using GpuFrame small = smallPool.Rent();
        using GpuFrame large = largePool.Rent();
        Fill(small, 1);
        Fill(large, 2);
        long before = CudaTestEnvironment.LiveAllocations();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            GpuFrame host = i % 2 == 0 ? small : large;   // alternating sizes evict the single cached pool constantly
            using GpuFrame onDevice = host.Upload(device);
            using GpuFrame back = onDevice.Download();
            TestMedia.AssertSamePixels(host, back);
        });
        device.TrimPools();

        Assert.Equal(before, CudaTestEnvironment.LiveAllocations());
    }

    [Fact]
    public void Frames_disposed_after_their_device_free_their_memory_then()
    {
        CudaTestEnvironment.RequireEmulator();
        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();
        Fill(host, 9);
        long before = CudaTestEnvironment.LiveAllocations();
        GpuFrame survivor;
        using (CudaDevice device = CudaDevice.Open())
        {
            survivor = host.Upload(device);
        }
        Assert.True(CudaTestEnvironment.LiveAllocations() > before);
        using (GpuFrame back = survivor.Download()) TestMedia.AssertSamePixels(host, back);
        survivor.Dispose();
        Assert.Equal(before, CudaTestEnvironment.LiveAllocations());
    }

    [Fact]
    public void Odd_sizes_in_subsampled_formats_are_refused_before_any_transfer()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        using var pool = new FramePool(PixelFormat.Nv12, 63, 48);
        using GpuFrame host = pool.Rent();
        long before = CudaTestEnvironment.LiveAllocations();

        var error = Assert.Throws<OvniException>(() => host.Upload(device));

        Assert.Contains("63x48", error.Message);
        Assert.Contains("even", error.Message);
        Assert.Equal(before, CudaTestEnvironment.LiveAllocations());
    }

    [Fact]
    public void A_frame_on_one_device_is_not_uploaded_to_another_without_a_download()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice first = CudaDevice.Open();
        using CudaDevice second = CudaDevice.Open();
        using var pool = new FramePool(PixelFormat.Nv12, 64, 64);
        using GpuFrame host = pool.Rent();
        Fill(host, 5);
        using GpuFrame onFirst = host.Upload(first);

        Assert.Throws<OvniException>(() => onFirst.Upload(second));
        using GpuFrame onSecond = onFirst.ToDevice(second);
        Assert.Same(second, onSecond.Device);
        using GpuFrame back = onSecond.ToDevice(ComputeDevice.Cpu);
        TestMedia.AssertSamePixels(host, back);
    }

    internal static void Fill(GpuFrame frame, int seed)
    {
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            var span = frame.GetPlane<byte>(plane);
            for (int y = 0; y < span.Height; y++)
                for (int x = 0; x < span.Width; x++)
                    span[y, x] = (byte)(x * 7 + y * 13 + plane * 31 + seed);
        }
    }
}
