// Why: to see where VMAF's time goes at each SIMD tier (run it under DOTNET_EnableAVX512=0 and so on), this times
// each feature extractor alone on the luma of real frames, in thread CPU time so that other work on a shared
// machine disturbs it little. Usage:
// Ovni.Benchmarks vmaf-parts <ref.yuv> <dist.yuv> <width> <height> [frames] [repeats] [vif|adm|motion]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ovni.Kernels.Quality;

namespace Ovni.Benchmarks.Quality;

/// <summary>Per-extractor CPU milliseconds per 8-bit frame (best of the repeats).</summary>
public static partial class VmafPartsRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine("usage: vmaf-parts <ref.yuv> <dist.yuv> <width> <height> [frames] [repeats]");
            return 2;
        }
        var culture = CultureInfo.InvariantCulture;
        int width = int.Parse(args[2], culture), height = int.Parse(args[3], culture);
        int count = args.Length > 4 ? int.Parse(args[4], culture) : 16;
        int repeats = args.Length > 5 ? int.Parse(args[5], culture) : 3;
        string only = args.Length > 6 ? args[6] : "";
        ushort[][] reference = Luma(args[0], width, height, count), distorted = Luma(args[1], width, height, count);
        count = Math.Min(reference.Length, distorted.Length);

        var vif = new VifExtractor(width, height);
        var adm = new AdmExtractor(width, height);
        var motion = new MotionExtractor(width, height);
        var scales = new VifScaleResult[4];
        float[] num = new float[4], den = new float[4];
        double check = 0;
        var firstFrames = new List<string>();
        double Time(Action<int> body)
        {
            double best = double.MaxValue;
            for (int r = 0; r <= repeats; r++) // the first pass warms up (its first frames are reported apart: JIT tiers)
            {
                double start = ThreadCpuSeconds();
                for (int i = 0; i < count; i++)
                {
                    double frameStart = ThreadCpuSeconds();
                    body(i);
                    if (r == 0 && i < 3) firstFrames.Add(((ThreadCpuSeconds() - frameStart) * 1000).ToString("0", culture));
                }
                if (r > 0) best = Math.Min(best, ThreadCpuSeconds() - start);
            }
            return best * 1000 / count;
        }

        double vifMs = only is "" or "vif" ? Time(i => { vif.Compute(reference[i], distorted[i], 8, scales); check += scales[0].Score; }) : 0;
        double admMs = only is "" or "adm" ? Time(i => check += adm.Compute(reference[i], distorted[i], 8, num, den)) : 0;
        double motionMs = only is "" or "motion" ? Time(i => check += motion.Compute(reference[Math.Max(i - 1, 0)], reference[i], 8)) : 0;
        string tier = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "Vector128";
        Console.WriteLine(string.Create(culture,
            $"tier={tier} frames={count} vif_ms={vifMs:0.00} adm_ms={admMs:0.00} motion_ms={motionMs:0.00} total_ms={vifMs + admMs + motionMs:0.00} first_frames_ms(vif,adm,motion)={string.Join('/', firstFrames)} (check {check:0.000})"));
        return 0;
    }

    private static ushort[][] Luma(string path, int width, int height, int count)
    {
        int luma = width * height, frameBytes = luma * 3 / 2;
        using var file = File.OpenRead(path);
        var frames = new List<ushort[]>();
        var buffer = new byte[frameBytes];
        while (frames.Count < count && file.Read(buffer) == frameBytes)
            frames.Add([.. buffer.AsSpan(0, luma).ToArray().Select(b => (ushort)b)]);
        return [.. frames];
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID).</summary>
    private static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(3, out ThreadClock t) != 0) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        return t.Seconds + (t.Nanoseconds * 1e-9);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out ThreadClock time);

    private struct ThreadClock
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
