// Why: benchmarks/compare-vmaf.sh times libvmaf's `vmaf` tool on two raw .yuv files; this scores the very same
// files the way a user of the library would (QualityScorer.ScoreRawFilesAsync, VMAF only, file reading included),
// so the script can time both processes alike and check that the scores agree. Usage:
// Ovni.Benchmarks vmaf-raw <ref.yuv> <dist.yuv> <width> <height> <threads> <model.json> [per-frame.txt]
// Prints the pooled VMAF with libvmaf's six decimals; the optional file gets one per-frame score a line.
using System.Diagnostics;
using System.Globalization;
using Ovni.Quality;

namespace Ovni.Benchmarks.Quality;

/// <summary>Scores two raw yuv420p files with VMAF only and prints the pooled scores and the time taken.</summary>
public static class VmafRawRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 6)
        {
            Console.Error.WriteLine("usage: vmaf-raw <ref.yuv> <dist.yuv> <width> <height> <threads> <model.json> [per-frame.txt]");
            return 2;
        }
        var culture = CultureInfo.InvariantCulture;
        int width = int.Parse(args[2], culture), height = int.Parse(args[3], culture), threads = int.Parse(args[4], culture);
        var options = new QualityOptions { Model = VmafModel.Load(args[5]), Metrics = QualityMetrics.Vmaf, Threads = threads };
        var watch = Stopwatch.StartNew();
        QualityResult result = QualityScorer.ScoreRawFilesAsync(args[0], args[1], new YuvFormat(width, height), options)
            .GetAwaiter().GetResult();
        double seconds = watch.Elapsed.TotalSeconds;
        PooledScore vmaf = result.Vmaf;
        if (args.Length > 6)
            File.WriteAllLines(args[6], result.Frames.Select(f => f.Vmaf.ToString("F6", culture)));
        Console.WriteLine(string.Create(culture,
            $"frames={result.Frames.Count} seconds={seconds:0.000} fps={result.Frames.Count / seconds:0.0} jit_seconds={System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.000} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()} mean={vmaf.Mean:F6} harmonic_mean={vmaf.HarmonicMean:F6} min={vmaf.Min:F6} max={vmaf.Max:F6}"));
        return 0;
    }
}
