// The CUDA benchmark runner must never present emulator timings as GPU numbers.
using Ovni.Benchmarks.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class CudaBenchmarkRunnerTests
{
    [Fact]
    public void On_the_emulator_it_reports_no_CUDA_device_and_succeeds_without_benchmarking()
    {
        CudaTestEnvironment.RequireEmulator();
        var output = new StringWriter();

        int exitCode = CudaBenchmarkRunner.Run([], output);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("no CUDA device", output.ToString());
        Assert.Contains("emulator", output.ToString());
    }
}
