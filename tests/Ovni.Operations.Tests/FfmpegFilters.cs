// Runs the ffmpeg command-line tool on raw frames (rawvideo in, rawvideo out) so tests can compare Ovni's
// operations with FFmpeg's filters on the same pixels.

namespace Ovni.Operations.Tests;

internal static class FfmpegFilters
{
    /// <summary>Writes the visible planes of a host frame as packed raw video.</summary>
    public static void AppendRaw(GpuFrame frame, Stream output)
    {
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            for (int y = 0; y < plane.Height; y++) output.Write(plane.GetRowSpan(y));
        }
    }

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> and returns stdout's bytes.</summary>
    public static byte[] Run(params string[] arguments) => FFmpegCli.RunBytes("ffmpeg", ["-v", "error", "-nostdin", .. arguments]);

    /// <summary>Per-plane differences between raw video bytes from ffmpeg and a host frame's visible planes.</summary>
    public static (int Max, double Mean, double Over1)[] Compare(byte[] raw, int offset, GpuFrame frame)
    {
        var result = new (int, double, double)[frame.PlaneCount];
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            long sum = 0, over = 0, count = (long)plane.Height * plane.Width;
            int max = 0;
            for (int y = 0; y < plane.Height; y++)
            {
                for (int x = 0; x < plane.Width; x++)
                {
                    int d = Math.Abs(raw[offset++] - plane[y, x]);
                    sum += d;
                    if (d > 1) over++;
                    max = Math.Max(max, d);
                }
            }
            result[p] = (max, (double)sum / count, (double)over / count);
        }
        return result;
    }

    public static string Describe((int Max, double Mean, double Over1)[] stats) =>
        string.Join("; ", stats.Select((s, p) => $"plane {p}: max {s.Max}, mean {s.Mean:0.000}, >1: {s.Over1:P2}"));
}
