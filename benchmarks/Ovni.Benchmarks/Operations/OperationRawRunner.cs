// Why: benchmarks/compare-ops.sh times FFmpeg's filters on raw yuv420p frames; this runs Ovni's equivalent
// operation over the very same frames (loaded into pooled frames first, so file reading is not timed) and prints
// frames/s, so the script can print Ovni/FFmpeg ratios. Usage:
// Ovni.Benchmarks ops <raw.yuv> <width> <height> <op> [repeats]
using System.Diagnostics;
using System.Drawing;
using System.Globalization;
using System.Runtime.InteropServices;
using Ovni.Operations;

namespace Ovni.Benchmarks.Operations;

/// <summary>Times one operation over the frames of a raw yuv420p file.</summary>
public static partial class OperationRawRunner
{
    /// <summary>Ops known to the runner (names used by compare-ops.sh).</summary>
    public static readonly string[] Operations = ["scale-bilinear", "scale-bicubic", "scale-lanczos", "overlay", "crossfade", "fade", "gblur", "drawbox", "torgba", "fromrgba", "rotate", "vignette", "lens-vignette", "chromakey"];

    public static int Run(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine($"usage: ops <raw.yuv> <width> <height> <{string.Join('|', Operations)}> [repeats]");
            return 2;
        }
        string path = args[0];
        int width = int.Parse(args[1], CultureInfo.InvariantCulture), height = int.Parse(args[2], CultureInfo.InvariantCulture);
        string op = args[3];
        int repeats = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        using var pool = new FramePool(PixelFormat.Yuv420P, width, height);
        using var logoPool = new FramePool(PixelFormat.Rgba, 640, 360);
        var frames = new List<GpuFrame>();
        byte[] bytes = File.ReadAllBytes(path);
        int frameBytes = width * height * 3 / 2;
        for (int offset = 0; offset + frameBytes <= bytes.Length; offset += frameBytes)
        {
            GpuFrame frame = pool.Rent();
            int at = offset;
            for (int p = 0; p < 3; p++)
            {
                var plane = frame.GetPlane<byte>(p);
                for (int y = 0; y < plane.Height; y++, at += plane.Width) bytes.AsSpan(at, plane.Width).CopyTo(plane.GetRowSpan(y));
            }
            frame.Pts = frames.Count;
            frames.Add(frame);
        }
        using GpuFrame logo = logoPool.Rent();
        var logoPlane = logo.GetPlane<byte>(0);
        for (int y = 0; y < 360; y++)
            for (int x = 0; x < 640 * 4; x++)
                logoPlane[y, x] = (byte)((x * 7) + y);
        // fromrgba converts RGBA frames made from the same pictures (made here, not timed).
        List<GpuFrame> rgbaFrames = op == "fromrgba" ? frames.ConvertAll(f => f.ToRgba()) : [];
        // WARM=1: each frame is first copied into one working frame (untimed), as FFmpeg's demuxer copies each raw
        // frame into a packet just before its filter runs, so both sides convert cache-warm input.
        bool warm = Environment.GetEnvironmentVariable("WARM") == "1";
        using GpuFrame? work = warm ? pool.Rent() : null;
        using var rgbaPool = new FramePool(PixelFormat.Rgba, width, height);
        using GpuFrame? rgbaWork = warm && op == "fromrgba" ? rgbaPool.Rent() : null;
        double best = double.MaxValue, bestCpu = double.MaxValue;
        for (int r = 0; r < repeats + 1; r++) // first pass warms up (JIT, pools)
        {
            double cpu = 0;
            var watch = new Stopwatch();
            for (int i = 0; i < frames.Count; i++)
            {
                GpuFrame f = frames[i];
                if (work != null)
                {
                    CopyPlanes(op == "fromrgba" ? rgbaFrames[i] : f, op == "fromrgba" ? rgbaWork! : work);
                    f = work;
                }

                double cpuStart = ThreadCpuSeconds();
                watch.Start();
                switch (op)
                {
                    case "scale-bilinear": f.Scale(1280, 720, ScaleFilter.Bilinear).Dispose(); break;
                    case "scale-bicubic": f.Scale(1280, 720, ScaleFilter.Bicubic).Dispose(); break;
                    case "scale-lanczos": f.Scale(1280, 720, ScaleFilter.Lanczos3).Dispose(); break;
                    case "overlay": f.Overlay(logo, 100, 50); break;
                    case "crossfade": f.CrossFade(frames[(i + 1) % frames.Count], 0.4); break;
                    case "fade": f.Fade(RgbaColor.Black, 0.3); break;
                    case "gblur": f.GaussianBlur(2.0); break;
                    case "drawbox": f.DrawRect(new Rectangle(480, 270, 960, 540), new RgbaColor(255, 0, 0, 128)); break;
                    case "torgba": f.ToRgba().Dispose(); break;
                    case "fromrgba": (rgbaWork ?? rgbaFrames[i]).FromRgba(PixelFormat.Yuv420P).Dispose(); break;
                    case "rotate": f.Transform(FrameTransform.Rotate(10)).Dispose(); break;
                    case "vignette": f.Vignette(0.5); break;
                    case "lens-vignette": f.LensVignette(Math.PI / 5); break;
                    case "chromakey": f.ChromaKeyToRgba(new RgbaColor(0x20, 0xC0, 0x40), 0.1, 0.05).Dispose(); break;
                    default:
                        Console.Error.WriteLine($"unknown op '{op}'");
                        return 2;
                }

                watch.Stop();
                cpu += ThreadCpuSeconds() - cpuStart;
            }
            if (r > 0)
            {
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                bestCpu = Math.Min(bestCpu, cpu);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{op} frames={frames.Count} seconds={best:0.0000} fps={frames.Count / best:0.0} cpu_seconds={bestCpu:0.0000} tier={Ovni.Kernels.SimdTier.Current}"));
        frames.ForEach(f => f.Dispose());
        rgbaFrames.ForEach(f => f.Dispose());
        return 0;
    }

    private static void CopyPlanes(GpuFrame from, GpuFrame to)
    {
        for (int p = 0; p < from.PlaneCount; p++)
        {
            var source = from.GetPlane<byte>(p);
            var target = to.GetPlane<byte>(p);
            for (int y = 0; y < source.Height; y++) source.GetRowSpan(y).CopyTo(target.GetRowSpan(y));
        }
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID; nanosecond resolution, unlike Process times).</summary>
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
