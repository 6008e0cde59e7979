using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Ovni.Benchmarks.Operations;

/// <summary>
/// Adds the frames/s and GB/s columns. With OVNI_BENCH_TIERS=all, every benchmark runs three times, once per SIMD tier
/// (jobs AVX-512, AVX2 and 128-bit: separate processes told by DOTNET_Enable* which vector instructions to use), with
/// short-run counts so that the whole suite stays within minutes; the Job column names the tier.
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>The default columns plus throughput, and the tier jobs when asked for.</summary>
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn(bandwidth: false), new ThroughputColumn(bandwidth: true));
        if (Environment.GetEnvironmentVariable("OVNI_BENCH_TIERS") is "all")
        {
            AddJob(Tier("AVX-512", "1", "1"), Tier("AVX2", "0", "1"), Tier("128-bit", "0", "0"));
        }
    }

    private static Job Tier(string name, string avx512, string avx2) =>
        Job.ShortRun.WithId(name).WithEnvironmentVariables(
            new EnvironmentVariable("DOTNET_EnableAVX512", avx512),
            new EnvironmentVariable("DOTNET_EnableAVX2", avx2),
            new EnvironmentVariable("DOTNET_EnableAVX", avx2));
}
