// Why: the issue asks that scene detection not lower the decode rate of a 1080p H.264 file by more than 10 %. This times,
// alternating in one process, (a) a plain decode with MediaReader (every frame read and disposed), (b) SceneDetector on
// the file as it runs by default (its own fast decode: no in-loop deblocking, reduced size where the codec allows, plus the
// analysis), and (c) the analysis on a plain decode (SceneDetector over MediaReader's frames), and prints the medians in
// frames per second of wall time and CPU time, and (b)/(a), (c)/(a). Usage: Ovni.Benchmarks scenes <clip> [runs]
using System.Diagnostics;
using System.Globalization;
using Ovni.Scenes;

namespace Ovni.Benchmarks.Scenes;

public static class SceneCostRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: scenes <clip> [runs]");
            return 2;
        }
        string clip = args[0];
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var kinds = new (string Name, Func<Task<long>> Run)[]
        {
            ("decode", async () =>
            {
                long n = 0;
                await using MediaReader reader = MediaReader.Open(clip);
                await foreach (GpuFrame frame in reader.ReadFramesAsync()) { frame.Dispose(); n++; }
                return n;
            }),
            ("detect (default: fast decode)", async () => (await SceneDetector.DetectAsync(clip)).FrameCount),
            ("detect on a plain decode", async () =>
            {
                await using MediaReader reader = MediaReader.Open(clip);
                return (await SceneDetector.DetectAsync(reader.ReadFramesAsync(), new SceneDetectionOptions())).FrameCount;
            }),
        };
        var wall = kinds.Select(_ => new List<double>()).ToArray();
        var cpu = kinds.Select(_ => new List<double>()).ToArray();
        long frames = await kinds[0].Run(); // warm-up: JIT, file cache
        for (int r = 0; r < runs; r++)
        {
            for (int k = 0; k < kinds.Length; k++)
            {
                int kind = (k + r) % kinds.Length; // rotate the order so load changes hit every kind alike
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                long n = await kinds[kind].Run();
                double seconds = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                if (n != frames) throw new InvalidOperationException($"{kinds[kind].Name} saw {n} frames, the decode {frames}.");
                wall[kind].Add(frames / seconds);
                cpu[kind].Add(frames / cpuSeconds);
            }
        }
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"clip: {clip} ({frames} frames), {runs} alternating runs, medians; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        for (int k = 0; k < kinds.Length; k++)
            Console.WriteLine(string.Create(c, $"{kinds[k].Name,-32} {Median(wall[k]),7:0.0} fps wall   {Median(cpu[k]),7:0.0} frames per CPU-second   ({string.Join(' ', wall[k].Select(v => v.ToString("0", c)))})"));
        Console.WriteLine(string.Create(c, $"detect / decode (wall): {Median(wall[1]) / Median(wall[0]):0.000}   on a plain decode: {Median(wall[2]) / Median(wall[0]):0.000}"));
        Console.WriteLine(string.Create(c, $"detect / decode (CPU):  {Median(cpu[1]) / Median(cpu[0]):0.000}   on a plain decode: {Median(cpu[2]) / Median(cpu[0]):0.000}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
