// GpuFrame.Upload / Download of a 1080p NV12 frame through CudaDevice's pooled AVHWFramesContext and FFmpeg's
// av_hwframe_transfer_data: what the mixed path (CPU decode → GPU kernels, or GPU → CPU encode) pays per
// frame, to compare with the raw driver copies in CudaTransferBenchmarks.
using BenchmarkDotNet.Attributes;
using Ovni.Devices.Cuda;

namespace Ovni.Benchmarks.Cuda;

[MemoryDiagnoser]
public class CudaFrameTransferBenchmarks
{
    private CudaDevice _device = null!;
    private FramePool _pool = null!;
    private GpuFrame _host = null!;
    private GpuFrame _onDevice = null!;

    [GlobalSetup]
    public void Setup()
    {
        CudaBenchmarkEnvironment.EnsureResolver();
        if (!CudaDriver.TryInitialize(out string reason) || CudaDriver.IsEmulator)
        {
            throw new InvalidOperationException("no CUDA device: " + (reason.Length > 0 ? reason : "emulator loaded"));
        }
        _device = CudaDevice.Open();
        _pool = new FramePool(PixelFormat.Nv12, 1920, 1080);
        _host = _pool.Rent();
        var random = new Random(1);
        for (int plane = 0; plane < _host.PlaneCount; plane++)
        {
            var span = _host.GetPlane<byte>(plane);
            for (int y = 0; y < span.Height; y++) random.NextBytes(span.GetRowSpan(y));
        }
        _onDevice = _host.Upload(_device);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onDevice?.Dispose();
        _host?.Dispose();
        _pool?.Dispose();
        _device?.Dispose();
    }

    [Benchmark(Description = "GpuFrame.Upload 1080p NV12 (pooled)")]
    public void Upload()
    {
        using GpuFrame frame = _host.Upload(_device);
    }

    [Benchmark(Description = "GpuFrame.Download 1080p NV12 (pooled)")]
    public void Download()
    {
        using GpuFrame frame = _onDevice.Download();
    }
}
