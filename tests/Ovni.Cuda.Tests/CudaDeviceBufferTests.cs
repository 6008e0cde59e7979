// Device memory: linear and pitched allocations, copies in every direction, fills, and the driver's
// range checks on device pointers.
using Ovni.Devices.Cuda;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

public sealed unsafe class CudaDeviceBufferTests
{
    [Fact]
    public void Linear_buffer_round_trips_bytes()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        byte[] data = RandomBytes(100_003, seed: 1);

        using CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(context, data.Length);
        buffer.CopyFromHost(data, data.Length);
        var back = new byte[data.Length];
        buffer.CopyToHost(back, back.Length);

        Assert.Equal(data, back);
        Assert.Equal(data.Length, buffer.Pitch);
    }

    [Fact]
    public void Pitched_buffer_pads_rows_and_round_trips_with_different_host_pitches()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        const int width = 1001, height = 37, sourcePitch = 1003, destinationPitch = 1100;
        byte[] source = RandomBytes(sourcePitch * height, seed: 2);
        byte[] destination = Enumerable.Repeat((byte)0xEE, destinationPitch * height).ToArray();

        using CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(context, width, height);
        buffer.CopyFromHost(source, sourcePitch);
        buffer.CopyToHost(destination, destinationPitch);

        Assert.True(buffer.Pitch >= width);
        Assert.Equal(0, buffer.Pitch % 256);
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(source.AsSpan(y * sourcePitch, width).ToArray(), destination.AsSpan(y * destinationPitch, width).ToArray());
            Assert.All(destination.AsSpan(y * destinationPitch + width, destinationPitch - width).ToArray(), b => Assert.Equal(0xEE, b));
        }
    }

    [Fact]
    public void Device_to_device_copy_fill_and_stream_copies_move_the_right_bytes()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaStream stream = CudaStream.Create(context);
        const int width = 640, height = 9;
        byte[] source = RandomBytes(width * height, seed: 3);
        using CudaDeviceBuffer first = CudaDeviceBuffer.AllocatePitched(context, width, height);
        using CudaDeviceBuffer second = CudaDeviceBuffer.AllocatePitched(context, width, height);

        first.CopyFromHost(source, width, stream);
        second.Fill(0x5A);
        var filled = new byte[width * height];
        second.CopyToHost(filled, width);
        second.CopyFrom(first, stream);
        var copied = new byte[width * height];
        second.CopyToHost(copied, width, stream);
        stream.Synchronize();

        Assert.All(filled, b => Assert.Equal(0x5A, b));
        Assert.Equal(source, copied);
    }

    [Fact]
    public void Two_dimensional_copy_honours_source_and_destination_offsets()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        const int width = 64, height = 16;
        byte[] source = RandomBytes(width * height, seed: 4);
        using CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(context, width, height);
        buffer.Fill(0);
        var result = new byte[width * height];

        using (context.Push())
        fixed (byte* host = source)
        {
            // Copy the 10x5 block at (3, 2) of the host image to (20, 7) on the device.
            var copy = new CudaMemcpy2D
            {
                SrcXInBytes = 3, SrcY = 2, SrcMemoryType = CudaMemoryType.Host, SrcHost = (nint)host, SrcPitch = width,
                DstXInBytes = 20, DstY = 7, DstMemoryType = CudaMemoryType.Device, DstDevice = buffer.DevicePointer,
                DstPitch = (nuint)buffer.Pitch, WidthInBytes = 10, Height = 5,
            };
            Assert.Equal(CudaResult.Success, CudaApi.cuMemcpy2D_v2(&copy));
        }
        buffer.CopyToHost(result, width);

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inside = x >= 20 && x < 30 && y >= 7 && y < 12;
                byte expected = inside ? source[(y - 7 + 2) * width + (x - 20 + 3)] : (byte)0;
                Assert.Equal(expected, result[y * width + x]);
            }
        }
    }

    [Fact]
    public void Unknown_or_out_of_range_device_pointers_are_rejected_by_the_driver()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(context, 4096);
        byte* host = stackalloc byte[8192];

        using (context.Push())
        {
            Assert.Equal(CudaResult.InvalidValue, CudaApi.cuMemcpyDtoH_v2(host, 0x1234_5678, 16));
            Assert.Equal(CudaResult.InvalidValue, CudaApi.cuMemcpyDtoH_v2(host, buffer.DevicePointer + 4000, 200));
            Assert.Equal(CudaResult.Success, CudaApi.cuMemcpyDtoH_v2(host, buffer.DevicePointer + 4000, 96));
            Assert.Equal(CudaResult.InvalidValue, CudaApi.cuMemFree_v2(buffer.DevicePointer + 16));
        }
    }

    [Fact]
    public void Host_spans_too_small_for_the_rows_are_rejected_before_the_driver_is_called()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        using CudaDeviceBuffer buffer = CudaDeviceBuffer.AllocatePitched(context, 100, 10);

        Assert.Throws<OvniException>(() => buffer.CopyFromHost(new byte[100 * 10 - 1], 100));
        Assert.Throws<OvniException>(() => buffer.CopyFromHost(new byte[99 * 10], 99));
    }

    [Fact]
    public void Free_memory_drops_by_what_is_allocated_and_comes_back_after_dispose()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();
        (long freeBefore, long total) = context.GetMemoryInfo();

        CudaDeviceBuffer buffer = CudaDeviceBuffer.Allocate(context, 64 << 20);
        (long freeDuring, _) = context.GetMemoryInfo();
        buffer.Dispose();
        (long freeAfter, _) = context.GetMemoryInfo();

        Assert.Equal(CudaTestEnvironment.EmulatedVramMegabytes << 20, total);
        Assert.True(freeBefore - freeDuring >= 64 << 20);
        Assert.Equal(freeBefore, freeAfter);
    }

    [Fact]
    public void Allocating_more_than_the_device_has_fails_with_out_of_memory()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaContext context = CudaContext.RetainPrimary();

        CudaException error = Assert.Throws<CudaException>(() =>
            CudaDeviceBuffer.AllocatePitched(context, 1 << 20, (int)CudaTestEnvironment.EmulatedVramMegabytes + 1));

        Assert.Equal(CudaResult.OutOfMemory, error.Result);
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
