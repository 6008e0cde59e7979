// Why: the extractors read planes as 16-bit samples in packed rows whatever the input depth; frames arrive as views
// of any pitch. Widening (8-bit) and copying (10/12-bit) into the pooled buffers is done here, for host and
// downloaded device frames alike.
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;

namespace Ovni.Quality;

/// <summary>Copies of frame planes into the scorer's packed 16-bit buffers.</summary>
internal static class ScoringPlanes
{
    /// <summary>8-bit samples widened to 16 bits, rows packed <paramref name="width"/> apart.</summary>
    public static void WidenPlane(ReadOnlySpan2D<byte> plane, ushort[] target, int width)
    {
        for (int i = 0; i < plane.Height; i++)
        {
            var row = plane.GetRowSpan(i);
            var dst = target.AsSpan(i * width, width);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j + 32 <= row.Length; j += 32)
                {
                    var (lower, upper) = Vector256.Widen(Vector256.Create(row.Slice(j, 32)));
                    lower.CopyTo(dst.Slice(j, 16));
                    upper.CopyTo(dst.Slice(j + 16, 16));
                }
            }
            for (; j < row.Length; j++)
                dst[j] = row[j];
        }
    }

    /// <summary>16-bit samples copied, rows packed <paramref name="width"/> apart.</summary>
    public static void CopyPlane(ReadOnlySpan2D<ushort> plane, ushort[] target, int width)
    {
        for (int i = 0; i < plane.Height; i++)
            plane.GetRowSpan(i).CopyTo(target.AsSpan(i * width, width));
    }
}
