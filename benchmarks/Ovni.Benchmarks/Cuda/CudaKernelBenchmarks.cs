// Frame operations and VMAF features on 1080p NV12 frames already in device memory: the GPU side of the per-op
// CPU figures (OperationBenchmarks) and of VmafScoring. Each call synchronises the stream so the time is the
// kernels' own, not the launch's. Runs only on a real NVIDIA driver (CudaBenchmarkRunner).
using BenchmarkDotNet.Attributes;
using Ovni.Devices.Cuda;
using Ovni.Operations;
using Ovni.Quality;

namespace Ovni.Benchmarks.Cuda;

[MemoryDiagnoser]
public class CudaKernelBenchmarks
{
    private CudaDevice _device = null!;
    private FramePool _pool = null!;
    private GpuFrame _a = null!, _b = null!;
    private VmafModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        CudaBenchmarkEnvironment.EnsureResolver();
        if (!CudaDriver.TryInitialize(out string reason) || CudaDriver.IsEmulator)
            throw new InvalidOperationException("no CUDA device: " + (reason.Length > 0 ? reason : "emulator loaded"));
        _device = CudaDevice.Open();
        _pool = new FramePool(PixelFormat.Nv12, 1920, 1080);
        using GpuFrame hostA = Filled(_pool.Rent(), 1), hostB = Filled(_pool.Rent(), 2);
        _a = hostA.Upload(_device);
        _b = hostB.Upload(_device);
        string model = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "vmaf", "models", "vmaf_v0.6.1.json");
        _model = VmafModel.Load(Environment.GetEnvironmentVariable("OVNI_VMAF_MODEL") ?? model);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a?.Dispose();
        _b?.Dispose();
        _pool?.Dispose();
        _device?.Dispose();
    }

    [Benchmark(Description = "CrossFade 1080p NV12 on device")]
    public void CrossFade()
    {
        using GpuFrame result = _a.CrossFade(_b, 0.4);
        _device.Synchronize();
    }

    [Benchmark(Description = "Scale 1080p -> 720p bicubic on device")]
    public void Scale()
    {
        using GpuFrame result = _a.Scale(1280, 720, ScaleFilter.Bicubic);
        _device.Synchronize();
    }

    [Benchmark(Description = "ToRgba 1080p NV12 on device")]
    public void ToRgba()
    {
        using GpuFrame result = _a.ToRgba();
        _device.Synchronize();
    }

    [Benchmark(Description = "VMAF features, 8 frame pairs 1080p on device")]
    public async Task Vmaf()
    {
        await using var scorer = new QualityScorer(new YuvFormat(1920, 1080), new QualityOptions { Model = _model, Metrics = QualityMetrics.Vmaf });
        for (int i = 0; i < 8; i++) scorer.Add(_a, _b);
        await scorer.CompleteAsync();
    }

    private static GpuFrame Filled(GpuFrame frame, int seed)
    {
        var random = new Random(seed);
        for (int plane = 0; plane < frame.PlaneCount; plane++)
        {
            var span = frame.GetPlane<byte>(plane);
            for (int y = 0; y < span.Height; y++) random.NextBytes(span.GetRowSpan(y));
        }
        return frame;
    }
}
