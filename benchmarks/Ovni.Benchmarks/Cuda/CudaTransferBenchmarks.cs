// Host<->device and device<->device copies of one 1080p NV12 frame (1920x1620 bytes of planes in a
// pitched buffer): the fixed cost every CPU-side step of a GPU pipeline pays per frame.
using BenchmarkDotNet.Attributes;
using Ovni.Devices.Cuda;

namespace Ovni.Benchmarks.Cuda;

[MemoryDiagnoser]
public class CudaTransferBenchmarks
{
    private const int Width = 1920;
    private const int Rows = 1080 * 3 / 2;

    private CudaContext _context = null!;
    private CudaStream _stream = null!;
    private CudaDeviceBuffer _frame = null!;
    private CudaDeviceBuffer _copy = null!;
    private byte[] _host = null!;

    [GlobalSetup]
    public void Setup()
    {
        CudaBenchmarkEnvironment.EnsureResolver();
        if (!CudaDriver.TryInitialize(out string reason) || CudaDriver.IsEmulator)
        {
            throw new InvalidOperationException("no CUDA device: " + (reason.Length > 0 ? reason : "emulator loaded"));
        }
        _context = CudaContext.RetainPrimary();
        _stream = CudaStream.Create(_context);
        _frame = CudaDeviceBuffer.AllocatePitched(_context, Width, Rows);
        _copy = CudaDeviceBuffer.AllocatePitched(_context, Width, Rows);
        _host = new byte[Width * Rows];
        new Random(1).NextBytes(_host);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _copy?.Dispose();
        _frame?.Dispose();
        _stream?.Dispose();
        _context?.Dispose();
    }

    [Benchmark(Description = "HtoD 1080p NV12 (pageable)")]
    public void HostToDevice() => _frame.CopyFromHost(_host, Width, _stream);

    [Benchmark(Description = "DtoH 1080p NV12 (pageable)")]
    public void DeviceToHost() => _frame.CopyToHost(_host, Width, _stream);

    [Benchmark(Description = "DtoD 1080p NV12")]
    public void DeviceToDevice()
    {
        _copy.CopyFrom(_frame, _stream);
        _stream.Synchronize();
    }
}
