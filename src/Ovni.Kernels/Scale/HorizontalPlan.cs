// Why: the horizontal pass of a resize is a gather (every output sample reads `taps` source bytes at its own
// offsets). Everything about that gather that depends only on the geometry (offsets, weights, and for AVX-512 VBMI
// the byte-permute controls of each block of outputs) is computed once here and reused for every row and frame.
namespace Ovni.Kernels;

/// <summary>
/// The horizontal geometry of one resize (source width, destination width, channels, filter): per output sample
/// its <c>taps</c> source byte offsets (edge-clamped, channel included) and integer weights, and per block of
/// <see cref="BlockSamples"/> outputs a 64-byte source window start and the byte-permute controls and 16-bit
/// coefficients that gather the block's taps from it. A block whose taps do not fit one window has start -1 and is
/// computed from the per-sample tables.
/// </summary>
internal sealed class HorizontalPlan : IScalePlan<HorizontalPlan>
{
    /// <summary>Bytes a permute can select from (one 512-bit register).</summary>
    public const int Window = 64;

    private readonly int[]? _lanczosTable;

    private HorizontalPlan(int srcWidth, int dstWidth, int channels, int taps, int[]? lanczosTable)
    {
        SrcWidth = srcWidth;
        DstWidth = dstWidth;
        Channels = channels;
        Taps = taps;
        _lanczosTable = lanczosTable;
        RowLength = dstWidth * channels;
        BlockSamples = taps == 2 ? 32 : 16;
        BlockCount = RowLength / BlockSamples;
        Offsets = new int[RowLength * taps];
        Weights = new int[RowLength * taps];
        Starts = new int[BlockCount];
        int groups = (taps + 1) / 2;
        ControlStride = taps == 6 ? 128 : 64; // 6 taps: a second permute for the third pair of taps
        CoefficientStride = taps == 2 ? 32 : 32 * groups;
        Controls = new byte[BlockCount * ControlStride];
        Coefficients = new short[BlockCount * CoefficientStride];
    }

    /// <summary>Source width in pixels.</summary>
    public int SrcWidth { get; }

    /// <summary>Destination width in pixels.</summary>
    public int DstWidth { get; }

    /// <summary>Interleaved samples per pixel.</summary>
    public int Channels { get; }

    /// <summary>Taps per output sample: 2 (bilinear), 4 (bicubic) or 6 (Lanczos-3).</summary>
    public int Taps { get; }

    /// <summary>Output samples per row (width x channels).</summary>
    public int RowLength { get; }

    /// <summary>Output samples per vector block: 32 for 2 taps (one permute gathers both taps), 16 for 4 or 6.</summary>
    public int BlockSamples { get; }

    /// <summary>Whole blocks per row; the samples after them are computed from the per-sample tables.</summary>
    public int BlockCount { get; }

    /// <summary>Source byte offset of tap t of output sample i at [i * Taps + t].</summary>
    public int[] Offsets { get; }

    /// <summary>Weight of tap t of output sample i at [i * Taps + t].</summary>
    public int[] Weights { get; }

    /// <summary>First byte of each block's 64-byte source window, or -1 when its taps do not fit one.</summary>
    public int[] Starts { get; }

    /// <summary>Permute controls, <see cref="ControlStride"/> bytes per block (see <see cref="Build"/>).</summary>
    public byte[] Controls { get; }

    /// <summary>Bytes of <see cref="Controls"/> per block.</summary>
    public int ControlStride { get; }

    /// <summary>16-bit coefficients, <see cref="CoefficientStride"/> per block.</summary>
    public short[] Coefficients { get; }

    /// <summary>Entries of <see cref="Coefficients"/> per block.</summary>
    public int CoefficientStride { get; }

    /// <summary>True when this plan was built for the same geometry (and, for Lanczos, an equal table).</summary>
    public bool Matches(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable) =>
        SrcWidth == srcWidth && DstWidth == dstWidth && Channels == channels && Taps == taps &&
        (taps != 6 || lanczosTable.SequenceEqual(_lanczosTable));

    /// <summary>
    /// Builds the plan. Block layouts: 2 taps, 32 samples: controls [k] = tap 0 and [32 + k] = tap 1 of sample k,
    /// coefficients [k] = weight of tap 1 (tap 0 weighs 256 minus it). 4 or 6 taps, 16 samples: for each pair g of
    /// taps, 32 control bytes [32g + 2k + j] (one permute picks the bytes of two pairs) and 32 coefficients
    /// [32g + 2k + j] for tap 2g + j of sample k.
    /// </summary>
    public static HorizontalPlan Build(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable)
    {
        var plan = new HorizontalPlan(srcWidth, dstWidth, channels, taps, taps == 6 ? lanczosTable.ToArray() : null);
        SampleTaps(srcWidth, dstWidth, channels, taps, lanczosTable, plan.Offsets, plan.Weights);
        plan.BuildBlocks(srcWidth * channels);
        return plan;
    }

    /// <summary>
    /// Per output sample i (x * channels + ch): the source byte offsets (edge-clamped, channel included) and the
    /// integer weights of its taps, at [i * taps + t]. Shared by every tier's plan, so all gather the same bytes.
    /// </summary>
    internal static void SampleTaps(int srcWidth, int dstWidth, int channels, int taps, ReadOnlySpan<int> lanczosTable, int[] offsets, int[] weights)
    {
        Span<int> w = stackalloc int[taps];
        int first = 1 - (taps / 2);
        for (int x = 0; x < dstWidth; x++)
        {
            int px = PlaneScale.SourcePosition(x, srcWidth, dstWidth), sx = px >> 8;
            PlaneScale.FilterWeights(px & 255, taps, lanczosTable, w);
            for (int ch = 0; ch < channels; ch++)
            {
                int i = (x * channels) + ch;
                for (int t = 0; t < taps; t++)
                {
                    offsets[(i * taps) + t] = (Math.Clamp(sx + first + t, 0, srcWidth - 1) * channels) + ch;
                    weights[(i * taps) + t] = w[t];
                }
            }
        }
    }

    private void BuildBlocks(int sourceRowBytes)
    {
        for (int b = 0; b < BlockCount; b++)
        {
            int lo = int.MaxValue, hi = int.MinValue;
            bool narrow = true;
            for (int n = (b * BlockSamples * Taps); n < ((b + 1) * BlockSamples * Taps); n++)
            {
                lo = Math.Min(lo, Offsets[n]);
                hi = Math.Max(hi, Offsets[n]);
                narrow &= Weights[n] is >= short.MinValue and <= short.MaxValue;
            }

            int start = Math.Min(lo, sourceRowBytes - Window);
            if (!narrow || start < 0 || hi >= start + Window)
            {
                Starts[b] = -1;
                continue;
            }

            Starts[b] = start;
            int control = b * ControlStride, coefficient = b * CoefficientStride;
            for (int k = 0; k < BlockSamples; k++)
            {
                int i = (b * BlockSamples) + k;
                if (Taps == 2)
                {
                    Controls[control + k] = (byte)(Offsets[2 * i] - start);
                    Controls[control + 32 + k] = (byte)(Offsets[(2 * i) + 1] - start);
                    Coefficients[coefficient + k] = (short)Weights[(2 * i) + 1];
                    continue;
                }

                for (int t = 0; t < Taps; t++)
                {
                    int at = (32 * (t / 2)) + (2 * k) + (t % 2);
                    Controls[control + at] = (byte)(Offsets[(i * Taps) + t] - start);
                    Coefficients[coefficient + at] = (short)Weights[(i * Taps) + t];
                }
            }
        }
    }
}
