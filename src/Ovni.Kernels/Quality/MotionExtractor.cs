// Integer motion (libvmaf integer_motion, "blur the difference" variant of v3.2; ALGORITHM.md §5): the mean
// absolute value of the 5-tap blurred difference between consecutive reference luma frames.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels.Quality;

/// <summary>Per-thread motion workspace for one frame size.</summary>
internal sealed unsafe class MotionExtractor
{
    private static readonly int[] Kernel = [3571, 16004, 26386, 16004, 3571];
    private const int Pad = 2;
    private readonly int _width, _height;
    private readonly int[] _row;

    public MotionExtractor(int width, int height)
    {
        _width = width;
        _height = height;
        _row = new int[width + 2 * Pad + 16];
    }

    /// <summary>Motion score m[i] between the previous and the current reference luma (capped at 10000).</summary>
    public double Compute(ReadOnlySpan<ushort> previous, ReadOnlySpan<ushort> current, int bitDepth)
    {
        int w = _width, h = _height;
        int shift = bitDepth;
        int round = 1 << (shift - 1);
        long sad = 0;
        fixed (ushort* prev = previous, cur = current)
        fixed (int* rowBuffer = _row)
        {
            int* row = rowBuffer + Pad;
            for (int i = 0; i < h; i++)
            {
                nint r0 = (nint)QualityMath.Reflect101(i - 2, h) * w, r1 = (nint)QualityMath.Reflect101(i - 1, h) * w;
                nint r2 = (nint)i * w, r3 = (nint)QualityMath.Reflect101(i + 1, h) * w, r4 = (nint)QualityMath.Reflect101(i + 2, h) * w;
                int j = 0;
                if (Avx2.IsSupported)
                {
                    var c0 = Vector256.Create(Kernel[0]); var c1 = Vector256.Create(Kernel[1]); var c2 = Vector256.Create(Kernel[2]);
                    var vRound = Vector256.Create(round);
                    for (; j + 8 <= w; j += 8)
                    {
                        var d0 = Avx2.ConvertToVector256Int32(prev + r0 + j) - Avx2.ConvertToVector256Int32(cur + r0 + j);
                        var d1 = Avx2.ConvertToVector256Int32(prev + r1 + j) - Avx2.ConvertToVector256Int32(cur + r1 + j);
                        var d2 = Avx2.ConvertToVector256Int32(prev + r2 + j) - Avx2.ConvertToVector256Int32(cur + r2 + j);
                        var d3 = Avx2.ConvertToVector256Int32(prev + r3 + j) - Avx2.ConvertToVector256Int32(cur + r3 + j);
                        var d4 = Avx2.ConvertToVector256Int32(prev + r4 + j) - Avx2.ConvertToVector256Int32(cur + r4 + j);
                        var sum = c0 * (d0 + d4) + c1 * (d1 + d3) + c2 * d2;
                        Vector256.Store(Vector256.ShiftRightArithmetic(sum + vRound, shift), row + j);
                    }
                }
                for (; j < w; j++)
                {
                    int sum = Kernel[0] * (prev[r0 + j] - cur[r0 + j]) + Kernel[1] * (prev[r1 + j] - cur[r1 + j])
                        + Kernel[2] * (prev[r2 + j] - cur[r2 + j]) + Kernel[3] * (prev[r3 + j] - cur[r3 + j])
                        + Kernel[4] * (prev[r4 + j] - cur[r4 + j]);
                    row[j] = (sum + round) >> shift;
                }
                for (int k = 1; k <= Pad; k++)
                {
                    row[-k] = row[k];
                    row[w - 1 + k] = row[w - 1 - k];
                }
                long rowSad = 0;
                j = 0;
                if (Avx2.IsSupported)
                {
                    var c0 = Vector256.Create((long)Kernel[0]); var c1 = Vector256.Create((long)Kernel[1]); var c2 = Vector256.Create((long)Kernel[2]);
                    var acc = Vector256<long>.Zero;
                    var round16 = Vector256.Create(32768L);
                    for (; j + 4 <= w; j += 4)
                    {
                        var v0 = Avx2.ConvertToVector256Int64(row + j - 2); var v1 = Avx2.ConvertToVector256Int64(row + j - 1);
                        var v2 = Avx2.ConvertToVector256Int64(row + j); var v3 = Avx2.ConvertToVector256Int64(row + j + 1);
                        var v4 = Avx2.ConvertToVector256Int64(row + j + 2);
                        var sum = c0 * (v0 + v4) + c1 * (v1 + v3) + c2 * v2;
                        acc += Vector256.Abs(Vector256.ShiftRightArithmetic(sum + round16, 16));
                    }
                    rowSad += Vector256.Sum(acc);
                }
                for (; j < w; j++)
                {
                    long sum = (long)Kernel[0] * (row[j - 2] + row[j + 2]) + (long)Kernel[1] * (row[j - 1] + row[j + 1]) + (long)Kernel[2] * row[j];
                    rowSad += Math.Abs((sum + 32768) >> 16);
                }
                sad += rowSad;
            }
        }
        return FinishScore(sad, w, h);
    }

    /// <summary>The motion score from the frame's blurred-difference SAD; shared with the CUDA kernels' host side.</summary>
    internal static double FinishScore(long sad, int width, int height) => Math.Min(sad / 256.0 / ((double)width * height), 10000.0);
}
