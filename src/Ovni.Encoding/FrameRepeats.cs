// How much of a run of frames repeats the frame before it: screen recordings and still shots repeat most of their frames,
// camera and animated footage almost none. A probe that runs its samples on as one stream (SearchTuning.KeyFramePerSample
// false) leaves the first frame after each sample's cut as the encoder coded it from unrelated frames; where frames repeat,
// that frame is what the following ones copy, so such probes start every sample from a key frame instead. Measured on the
// round-7 test inputs (share of frames within 0.1 of the one before): screen capture 0.60, static camera 0.30, animation,
// HDR10 and live action 0.02-0.04.
using System.Numerics;

namespace Ovni.Encoding;

internal static class FrameRepeats
{
    /// <summary>Mean absolute luma difference (8-bit levels) under which a frame counts as a repeat of the one before.</summary>
    internal const double RepeatLevel = 0.1;

    /// <summary>The share of frames [<paramref name="first"/>, first + count) that repeat the frame before them (0 when fewer than 2).</summary>
    internal static double Share(IReadOnlyList<GpuFrame> frames, int first, int count, int bitDepth)
    {
        int end = Math.Min(frames.Count, first + count), pairs = 0, repeats = 0;
        for (int i = Math.Max(1, first); i < end; i++, pairs++)
            if (MeanDifference(frames[i - 1], frames[i], bitDepth) < RepeatLevel) repeats++;
        return pairs == 0 ? 0 : repeats / (double)pairs;
    }

    /// <summary>Mean absolute difference of the first planes (luma), every 4th sample of every 4th row, in 8-bit levels.</summary>
    internal static double MeanDifference(GpuFrame a, GpuFrame b, int bitDepth)
    {
        if (a.Width != b.Width || a.Height != b.Height || a.Format != b.Format || a.Device.Kind != DeviceKind.Cpu || b.Device.Kind != DeviceKind.Cpu)
            return double.MaxValue;
        return bitDepth > 8 ? Difference<ushort>(a, b) / (1 << (bitDepth - 8)) : Difference<byte>(a, b);
    }

    private static double Difference<T>(GpuFrame a, GpuFrame b) where T : unmanaged, IBinaryInteger<T>
    {
        var pa = a.GetPlane<T>(0);
        var pb = b.GetPlane<T>(0);
        long sum = 0, n = 0;
        for (int y = 0; y < pa.Height; y += 4)
        {
            ReadOnlySpan<T> ra = pa.GetRowSpan(y), rb = pb.GetRowSpan(y);
            for (int x = 0; x < ra.Length; x += 4, n++) sum += Math.Abs(int.CreateTruncating(ra[x]) - int.CreateTruncating(rb[x]));
        }
        return n == 0 ? 0 : sum / (double)n;
    }
}
