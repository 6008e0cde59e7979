// Why: the extractors read planes as 16-bit samples in packed rows whatever the input depth; frames arrive as views
// of any pitch. Widening (8-bit) and copying (10/12-bit) into the pooled buffers is done here, for host and
// downloaded device frames alike.
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;

namespace Ovni.Quality;

/// <summary>Copies of frame planes into the scorer's packed 16-bit buffers.</summary>
internal static class ScoringPlanes
{
    /// <summary>
    /// A plane's samples as 16-bit values in rows packed <paramref name="width"/> apart: 8-bit samples widened,
    /// 16-bit samples (10/12-bit video) copied.
    /// </summary>
    public static void Copy<T>(ReadOnlySpan2D<T> plane, ushort[] target, int width) where T : unmanaged
    {
        for (int i = 0; i < plane.Height; i++)
        {
            ReadOnlySpan<T> row = plane.GetRowSpan(i);
            Span<ushort> dst = target.AsSpan(i * width, width);
            if (typeof(T) == typeof(byte)) Widen(MemoryMarshal.Cast<T, byte>(row), dst);
            else MemoryMarshal.Cast<T, ushort>(row).CopyTo(dst);
        }
    }

    private static void Widen(ReadOnlySpan<byte> row, Span<ushort> dst)
    {
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
