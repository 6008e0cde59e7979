// A frame reduced to a coarse grid of block means of its luma (8-bit scale). Cuts show up as large changes of the grid,
// while noise, grain and coding artefacts average out; reading every other row of the luma plane is all the work per frame.
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;

namespace Ovni.Scenes;

internal sealed class LumaThumbnail
{
    private const int TargetColumns = 64;
    private uint[] _sums = [];

    /// <summary>Grid width in blocks.</summary>
    internal int Columns { get; private set; }

    /// <summary>Grid height in blocks.</summary>
    internal int Rows { get; private set; }

    /// <summary>Block size in pixels (blocks are square; the remainder at the right and bottom edges is left out).</summary>
    internal int BlockSize { get; private set; }

    /// <summary>Fills <paramref name="grid"/> (resized as needed) with the block means of <paramref name="frame"/>'s luma.</summary>
    internal void Compute(GpuFrame frame, ref float[] grid)
    {
        int width = frame.Width, height = frame.Height;
        if (BlockSize == 0 || width / BlockSize != Columns || height / BlockSize != Rows)
        {
            // Multiples of 16 so each block is whole 16-byte vectors.
            BlockSize = Math.Max(16, (int)Math.Round(width / (double)TargetColumns / 16) * 16);
            BlockSize = Math.Min(BlockSize, Math.Max(1, Math.Min(width, height)));
            Columns = Math.Max(1, width / BlockSize);
            Rows = Math.Max(1, height / BlockSize);
            _sums = new uint[Columns];
        }
        if (grid.Length != Columns * Rows) grid = new float[Columns * Rows];

        PixelFormatInfo info = frame.FormatInfo;
        if (info.BitDepth == 8) Fill(frame.GetPlane<byte>(0), grid);
        else Fill(frame.GetPlane<ushort>(0), grid, frame.Format == PixelFormat.P010 ? 8 : info.BitDepth - 8);
    }

    private void Fill(Span2D<byte> luma, float[] grid)
    {
        int block = BlockSize, sampledRows = (block + 1) / 2;
        float scale = 1f / (block * sampledRows);
        bool vector = Vector128.IsHardwareAccelerated && block % 16 == 0;
        for (int r = 0; r < Rows; r++)
        {
            Array.Clear(_sums);
            for (int y = r * block; y < (r + 1) * block; y += 2)
            {
                ReadOnlySpan<byte> row = luma.GetRowSpan(y);
                for (int c = 0; c < Columns; c++)
                    _sums[c] += vector ? SumVector(row.Slice(c * block, block)) : SumScalar(row.Slice(c * block, block));
            }
            for (int c = 0; c < Columns; c++) grid[r * Columns + c] = _sums[c] * scale;
        }
    }

    private void Fill(Span2D<ushort> luma, float[] grid, int shift)
    {
        int block = BlockSize, sampledRows = (block + 1) / 2, sampledColumns = (block + 1) / 2;
        float scale = 1f / (sampledColumns * sampledRows * (1 << shift));
        for (int r = 0; r < Rows; r++)
        {
            Array.Clear(_sums);
            for (int y = r * block; y < (r + 1) * block; y += 2)
            {
                ReadOnlySpan<ushort> row = luma.GetRowSpan(y);
                for (int c = 0; c < Columns; c++)
                {
                    uint sum = 0;
                    int start = c * block;
                    for (int x = 0; x < block; x += 2) sum += row[start + x];
                    _sums[c] += sum;
                }
            }
            for (int c = 0; c < Columns; c++) grid[r * Columns + c] = _sums[c] * scale;
        }
    }

    private static uint SumVector(ReadOnlySpan<byte> block)
    {
        Vector128<ushort> acc = Vector128<ushort>.Zero;
        ref byte start = ref MemoryMarshal.GetReference(block);
        for (int i = 0; i < block.Length; i += 16)
        {
            Vector128<byte> v = Vector128.LoadUnsafe(ref start, (nuint)i);
            (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(v);
            acc += lo + hi;
        }
        (Vector128<uint> a, Vector128<uint> b) = Vector128.Widen(acc);
        return Vector128.Sum(a + b);
    }

    private static uint SumScalar(ReadOnlySpan<byte> block)
    {
        uint sum = 0;
        foreach (byte b in block) sum += b;
        return sum;
    }

    /// <summary>
    /// Mean absolute difference of two grids of this thumbnail's size, at the best of a few small shifts (up to two blocks
    /// across, one down or up): a pan or a shaking hand moves the picture without changing it, a cut changes it everywhere.
    /// </summary>
    internal float Difference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length != Columns * Rows || a.IsEmpty) return 255f; // the frame size changed: new content
        float best = float.MaxValue;
        int maxX = Columns > 8 ? 2 : 0, maxY = Rows > 6 ? 1 : 0;
        for (int dy = -maxY; dy <= maxY; dy++)
        {
            for (int dx = -maxX; dx <= maxX; dx++)
            {
                float sum = 0;
                int count = 0;
                for (int y = Math.Max(0, -dy); y < Rows - Math.Max(0, dy); y++)
                {
                    ReadOnlySpan<float> rowA = a.Slice(y * Columns, Columns), rowB = b.Slice((y + dy) * Columns, Columns);
                    for (int x = Math.Max(0, -dx); x < Columns - Math.Max(0, dx); x++)
                        sum += MathF.Abs(rowA[x] - rowB[x + dx]);
                    count += Columns - Math.Abs(dx);
                }
                if (count > 0) best = Math.Min(best, sum / count);
            }
        }
        return best;
    }

    /// <summary>Mean of a grid.</summary>
    internal static float Mean(ReadOnlySpan<float> grid)
    {
        float sum = 0;
        foreach (float v in grid) sum += v;
        return grid.IsEmpty ? 0 : sum / grid.Length;
    }
}
