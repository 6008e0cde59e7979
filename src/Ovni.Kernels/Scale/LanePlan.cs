// Why: on CPUs without AVX-512 VBMI the horizontal gather of a resize is done with 16-byte byte shuffles (pshufb on
// x86, one per 128-bit lane with AVX2; tbl on ARM NEON). A 16-byte window holds the taps of 8 outputs for one pair of
// taps at the usual reductions (8 outputs at 2x reduction span 15 source bytes), so every pair of taps gets its own
// window: one shuffle and two 16-bit multiply-adds per pair of taps and 8 outputs, for 2, 4 or 6 taps alike. Everything
// that depends only on the geometry is computed here once and reused for every row and frame.
namespace Ovni.Kernels;

/// <summary>
/// The horizontal geometry of one resize for the AVX2 and 128-bit passes. Outputs are grouped in blocks of
/// <see cref="BlockSamples"/>, blocks in pairs (the two 128-bit lanes of an AVX2 register). For pair p, tap pair g and
/// half h (block 2p + h), entry e = (p * Groups + g) * 2 + h has a window start <see cref="Starts"/>[e] (or -1 when some
/// tap of the block lies outside every 16-byte window: that block is computed from the per-sample tables). The 32
/// words of (p, g) start at word 32 (p * Groups + g) of <see cref="Coefficients"/> and of <see cref="Controls"/>:
/// outputs 0..3 of half 0, of half 1, then outputs 4..7 of half 0, of half 1, each as a word for tap 2g and one for tap
/// 2g + 1. A coefficient word is the tap's weight; a control word is (tap's byte in the window, 0x80), so one byte
/// shuffle of the window yields the taps already zero-extended to words, ready for a 16-bit multiply-add.
/// </summary>
internal sealed class LanePlan : IScalePlan<LanePlan>
{
    /// <summary>Bytes one shuffle selects from.</summary>
    public const int Window = 16;

    /// <summary>Outputs per block (two taps each fill one 16-byte shuffle).</summary>
    public const int BlockSamples = 8;

    private readonly int[]? _lanczosTable;

    private LanePlan(int srcWidth, int dstWidth, int channels, int taps, int[]? lanczosTable)
    {
        SrcWidth = srcWidth;
        DstWidth = dstWidth;
        Channels = channels;
        Taps = taps;
        _lanczosTable = lanczosTable;
        RowLength = dstWidth * channels;
        Groups = taps / 2;
        BlockCount = RowLength / BlockSamples;
        PairCount = (BlockCount + 1) / 2;
        Offsets = new int[RowLength * taps];
        Weights = new int[RowLength * taps];
        Starts = new int[PairCount * Groups * 2];
        Coefficients = new short[Starts.Length * Window];
        Controls = new byte[Coefficients.Length * 2];
    }

    /// <summary>Source width in pixels.</summary>
    public int SrcWidth { get; }

    /// <summary>Destination width in pixels.</summary>
    public int DstWidth { get; }

    /// <summary>Interleaved samples per pixel.</summary>
    public int Channels { get; }

    /// <summary>Taps per output sample: 2 (bilinear), 4 (bicubic) or 6 (Lanczos-3).</summary>
    public int Taps { get; }

    /// <summary>Pairs of taps per output sample.</summary>
    public int Groups { get; }

    /// <summary>Output samples per row (width x channels).</summary>
    public int RowLength { get; }

    /// <summary>Whole blocks per row; the samples after them are computed from the per-sample tables.</summary>
    public int BlockCount { get; }

    /// <summary>Pairs of blocks (the last one may have only its first block).</summary>
    public int PairCount { get; }

    /// <summary>True when every block has its windows (no start is -1), so the pass needs no per-block checks.</summary>
    public bool AllBlocksFit { get; private set; }

    /// <summary>
    /// First block of the longest run of blocks that repeat one block's shuffle controls and coefficients, their windows
    /// advancing by <see cref="UniformStep"/> bytes per block (ratios such as 3:2 or 2:1 outside the edges): the pass keeps
    /// that block's vectors in registers there instead of loading them per block. No run when not below <see cref="UniformEnd"/>.
    /// </summary>
    public int UniformFirst { get; private set; }

    /// <summary>One past the last block of the uniform run.</summary>
    public int UniformEnd { get; private set; }

    /// <summary>Source bytes between the windows of consecutive blocks in the uniform run.</summary>
    public int UniformStep { get; private set; }

    /// <summary>Source byte offset of tap t of output sample i at [i * Taps + t].</summary>
    public int[] Offsets { get; }

    /// <summary>Weight of tap t of output sample i at [i * Taps + t].</summary>
    public int[] Weights { get; }

    /// <summary>Window start per (pair, tap pair, half), or -1 (see the type's summary).</summary>
    public int[] Starts { get; }

    /// <summary>Shuffle controls, a word per coefficient (see the type's summary).</summary>
    public byte[] Controls { get; }

    /// <summary>16-bit coefficients, 32 per (pair, tap pair).</summary>
    public short[] Coefficients { get; }

    /// <summary>Index of (pair, tap pair, half) in <see cref="Starts"/>.</summary>
    public int Entry(int pair, int group, int half) => (((pair * Groups) + group) * 2) + half;

    /// <summary>True when this plan was built for the same geometry (and, for Lanczos, an equal table).</summary>
    public bool Matches(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable) =>
        SrcWidth == srcWidth && DstWidth == dstWidth && Channels == channels && Taps == taps &&
        (taps != 6 || lanczosTable.SequenceEqual(_lanczosTable));

    /// <summary>Builds the plan (taps 2, 4 or 6).</summary>
    public static LanePlan Build(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable)
    {
        var plan = new LanePlan(srcWidth, dstWidth, channels, taps, taps == 6 ? lanczosTable.ToArray() : null);
        HorizontalPlan.SampleTaps(srcWidth, dstWidth, channels, taps, lanczosTable, plan.Offsets, plan.Weights);
        plan.BuildBlocks(srcWidth * channels);
        plan.FindUniformRun();
        return plan;
    }

    /// <summary>Grows a run of blocks that repeat the middle block's controls and coefficients (see <see cref="UniformFirst"/>).</summary>
    private void FindUniformRun()
    {
        if (!AllBlocksFit || BlockCount < 8)
        {
            return;
        }

        int reference = BlockCount / 2;
        int step = Starts[Entry((reference + 1) / 2, 0, (reference + 1) % 2)] - Starts[Entry(reference / 2, 0, reference % 2)];
        int first = reference, end = reference + 1;
        while (first > 0 && Repeats(first - 1, reference, step))
        {
            first--;
        }

        while (end < BlockCount && Repeats(end, reference, step))
        {
            end++;
        }

        if (end - first >= 4)
        {
            (UniformFirst, UniformEnd, UniformStep) = (first, end, step);
        }
    }

    /// <summary>True when block b has block r's controls and coefficients and windows shifted by (b - r) * step bytes.</summary>
    private bool Repeats(int b, int r, int step)
    {
        for (int g = 0; g < Groups; g++)
        {
            if (Starts[Entry(b / 2, g, b % 2)] != Starts[Entry(r / 2, g, r % 2)] + ((b - r) * step))
            {
                return false;
            }

            for (int part = 0; part < 2; part++)
            {
                int wb = (32 * ((b / 2 * Groups) + g)) + (16 * part) + (8 * (b % 2));
                int wr = (32 * ((r / 2 * Groups) + g)) + (16 * part) + (8 * (r % 2));
                if (!Coefficients.AsSpan(wb, 8).SequenceEqual(Coefficients.AsSpan(wr, 8)) ||
                    !Controls.AsSpan(2 * wb, 16).SequenceEqual(Controls.AsSpan(2 * wr, 16)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void BuildBlocks(int sourceRowBytes)
    {
        Array.Fill(Starts, -1);
        AllBlocksFit = true;
        for (int block = 0; block < BlockCount; block++)
        {
            int pair = block / 2, half = block % 2;
            if (!BlockFits(block, sourceRowBytes))
            {
                AllBlocksFit = false;
                continue;
            }

            for (int g = 0; g < Groups; g++)
            {
                int entry = Entry(pair, g, half), start = WindowStart(block, g, sourceRowBytes);
                Starts[entry] = start;
                int coefficients = 32 * ((pair * Groups) + g);
                for (int k = 0; k < BlockSamples; k++)
                {
                    int i = (block * BlockSamples) + k;
                    for (int j = 0; j < 2; j++)
                    {
                        int t = (2 * g) + j, word = coefficients + (k < 4 ? 0 : 16) + (8 * half) + (2 * (k % 4)) + j;
                        Coefficients[word] = (short)Weights[(i * Taps) + t];
                        Controls[2 * word] = (byte)(Offsets[(i * Taps) + t] - start);
                        Controls[(2 * word) + 1] = 0x80; // a set high bit selects zero on x86 and ARM alike
                    }
                }
            }
        }
    }

    /// <summary>Every pair of taps of the block lies in one 16-byte window inside the row, and every weight fits 16 bits.</summary>
    private bool BlockFits(int block, int sourceRowBytes)
    {
        if (sourceRowBytes < Window)
        {
            return false;
        }

        for (int g = 0; g < Groups; g++)
        {
            int start = WindowStart(block, g, sourceRowBytes);
            for (int k = 0; k < BlockSamples; k++)
            {
                int i = (block * BlockSamples) + k;
                for (int t = 2 * g; t < (2 * g) + 2; t++)
                {
                    int offset = Offsets[(i * Taps) + t], weight = Weights[(i * Taps) + t];
                    if (offset < start || offset >= start + Window || weight is < short.MinValue or > short.MaxValue)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>The lowest source byte of tap pair g of the block, moved left where the window would pass the row's end.</summary>
    private int WindowStart(int block, int group, int sourceRowBytes)
    {
        int lo = int.MaxValue;
        for (int k = 0; k < BlockSamples; k++)
        {
            int i = (block * BlockSamples) + k;
            lo = Math.Min(lo, Math.Min(Offsets[(i * Taps) + (2 * group)], Offsets[(i * Taps) + (2 * group) + 1]));
        }

        return Math.Min(lo, sourceRowBytes - Window);
    }
}
