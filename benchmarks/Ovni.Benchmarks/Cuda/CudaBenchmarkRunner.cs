// Runs the CUDA suites only on a real NVIDIA driver. Without one it says so and succeeds, so the
// benchmark step never fails on GPU-less machines; on Ovni's libcuda emulator it refuses to report,
// because host-memory timings printed as "CUDA" numbers would mislead anyone comparing hardware.
using BenchmarkDotNet.Running;
using Ovni.Devices.Cuda;

namespace Ovni.Benchmarks.Cuda;

/// <summary>Entry point of the CUDA benchmarks: <c>dotnet run -c Release --project benchmarks/Ovni.Benchmarks -- cuda [BenchmarkDotNet args]</c>.</summary>
public static class CudaBenchmarkRunner
{
    /// <summary>Runs the CUDA suites, or explains why not; returns the process exit code (0 when there is no device).</summary>
    public static int Run(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        CudaBenchmarkEnvironment.EnsureResolver();
        if (!CudaDriver.TryInitialize(out string reason))
        {
            output.WriteLine($"no CUDA device: {reason}");
            return 0;
        }
        if (CudaDriver.IsEmulator)
        {
            output.WriteLine("no CUDA device: the loaded libcuda.so.1 is Ovni's host-memory emulator; " +
                "its timings are not GPU numbers and are not reported");
            return 0;
        }
        CudaDeviceInfo device = CudaDriver.GetDevice(0);
        output.WriteLine($"CUDA device 0: {device.Name}, SM {device.ComputeCapability}, " +
            $"{device.TotalMemoryBytes / (1024 * 1024)} MiB, driver {CudaDriver.DriverVersion}");
        BenchmarkSwitcher.FromTypes([typeof(CudaTransferBenchmarks), typeof(CudaFrameTransferBenchmarks), typeof(CudaKernelBenchmarks)]).Run(args);
        return 0;
    }
}
