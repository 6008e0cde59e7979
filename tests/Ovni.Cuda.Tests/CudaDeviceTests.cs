// CudaDevice on the emulator: FFmpeg's CUDA hw device runs on Ovni's own context and stream, and device
// selection falls back to the CPU (or refuses) with the reason when the driver is missing.
using Microsoft.Extensions.Logging;
using Ovni.Devices.Cuda;
using Ovni.Interop.FFmpeg;

namespace Ovni.Cuda.Tests;

public sealed class CudaDeviceTests
{
    [Fact]
    public unsafe void FFmpegs_cuda_hw_device_uses_our_context_and_stream()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        FFmpegLayout l = FFmpegRuntime.Layout;
        byte* hwDevice = *(byte**)((byte*)device.HwDeviceRef + 8);
        byte* cuda = *(byte**)(hwDevice + l.HwDeviceHwctx);

        Assert.Equal(device.Context.DangerousGetHandle(), *(nint*)(cuda + l.CudaDeviceCtxCudaCtx));
        Assert.Equal(device.Stream.DangerousGetHandle(), *(nint*)(cuda + l.CudaDeviceCtxStream));
        Assert.True(device.Context.IsPrimary);
        Assert.Equal(DeviceKind.Cuda, device.Kind);
        Assert.Contains("emulator", device.Name);
    }

    [Fact]
    public void Auto_with_a_missing_driver_library_selects_the_cpu_and_logs_why()
    {
        var logger = new RecordingLogger();
        ComputeDevice device = ComputeDevice.Resolve(DeviceKind.Auto, 0, logger, MissingDriver);

        Assert.Same(ComputeDevice.Cpu, device);
        string line = Assert.Single(logger.Lines);
        Assert.Contains("CPU", line);
        Assert.Contains("/nonexistent/ovni/libcuda.so.1", line);
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public void Cuda_with_a_missing_driver_library_throws_naming_the_reason()
    {
        var error = Assert.Throws<OvniException>(() => ComputeDevice.Resolve(DeviceKind.Cuda, 0, new RecordingLogger(), MissingDriver));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("/nonexistent/ovni/libcuda.so.1", error.Message);
    }

    [Fact]
    public void Auto_and_Cuda_select_the_shared_emulated_device_when_the_driver_is_present()
    {
        CudaTestEnvironment.RequireEmulator();
        var configuration = new OvniConfiguration { Device = DeviceKind.Auto };

        ComputeDevice auto = ComputeDevice.Select(configuration);
        ComputeDevice cuda = ComputeDevice.Get(DeviceKind.Cuda);

        Assert.IsType<CudaDevice>(auto);
        Assert.Same(auto, cuda);
        Assert.True(((CudaDevice)auto).IsShared);
        ((CudaDevice)auto).Dispose(); // a no-op for the shared instance
        Assert.Same(auto, ComputeDevice.Get(DeviceKind.Cuda));
        Assert.Same(ComputeDevice.Cpu, ComputeDevice.Get(DeviceKind.Cpu));
    }

    [Fact]
    public void A_device_index_that_does_not_exist_is_a_clear_error()
    {
        CudaTestEnvironment.RequireEmulator();
        var error = Assert.Throws<OvniException>(() => ComputeDevice.Get(DeviceKind.Cuda, 3));
        Assert.Contains("CUDA device 3 does not exist", error.Message);
    }

    [Fact]
    public async Task The_vram_monitor_is_reachable_from_the_device()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        (long free, long total) = device.GetMemoryInfo();
        await using VramMonitor monitor = device.CreateVramMonitor(new VramMonitorOptions { Interval = TimeSpan.FromHours(1) });

        VramSample sample = monitor.Sample();

        Assert.Equal(CudaTestEnvironment.EmulatedVramMegabytes * 1024 * 1024, total);
        Assert.Equal(total, sample.TotalBytes);
        Assert.InRange(free, 0, total);
    }

    [Fact]
    public void Free_memory_is_read_through_the_device_for_cuda_and_absent_for_the_cpu()
    {
        CudaTestEnvironment.RequireEmulator();
        using CudaDevice device = CudaDevice.Open();
        ComputeDevice asDevice = device; // what callers outside the device layer hold
        long total = device.GetMemoryInfo().TotalBytes;
        using CudaDeviceBuffer held = CudaDeviceBuffer.Allocate(device.Context, 64 * 1024 * 1024);

        long? free = asDevice.FreeMemoryBytes;

        Assert.NotNull(free);
        Assert.InRange(free.Value, 0, total - 64 * 1024 * 1024);
        Assert.Null(ComputeDevice.Cpu.FreeMemoryBytes);
    }

    private static bool MissingDriver(out string reason) =>
        CudaDriver.TryInitializeFrom("/nonexistent/ovni/libcuda.so.1", out reason);

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
