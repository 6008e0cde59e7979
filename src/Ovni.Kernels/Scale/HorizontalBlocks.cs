// Why: the horizontal pass of the scale twins is a gather (each output sample reads `taps` source bytes at its own
// offsets), which is scalar by nature. With AVX-512 VBMI, 8 output samples whose taps all fall inside one 32-byte
// window are one byte permute + widen + vpmaddwd per pair of taps; the integer sums are the same exact values.
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ovni.Kernels;

/// <summary>
/// Per-row-band tables for the vectorised horizontal pass: for every block of 8 output samples, the start of the
/// 32-byte source window, and per pair of taps the byte indices into it and the 16-bit weights. Blocks whose taps
/// do not fit a window (or weights outside 16 bits) are marked -1 and computed in scalar code.
/// </summary>
internal struct HorizontalBlocks
{
    private const int Window = 32;
    private int[]? _bases;
    private byte[]? _controls;
    private short[]? _weights;
    private int _rowLength, _taps, _groups, _blockCount, _channels;

    /// <summary>True when <see cref="Row"/> may be used (hardware support and tables prepared).</summary>
    public bool Enabled { get; private set; }

    /// <summary>Tables for rows of <paramref name="rowLength"/> output samples; disabled without AVX-512 VBMI.</summary>
    public static HorizontalBlocks Rent(int rowLength, int taps)
    {
        if (!Avx512Vbmi.VL.IsSupported || !Avx2.IsSupported || taps % 2 != 0 || rowLength < 8)
        {
            return default;
        }

        int blockCount = rowLength / 8, groups = taps / 2;
        return new HorizontalBlocks
        {
            _bases = ArrayPool<int>.Shared.Rent(blockCount),
            _controls = ArrayPool<byte>.Shared.Rent(blockCount * groups * 16),
            _weights = ArrayPool<short>.Shared.Rent(blockCount * groups * 16),
            _rowLength = rowLength,
            _taps = taps,
            _groups = groups,
            _blockCount = blockCount,
        };
    }

    /// <summary>Fills the tables from the per-column offsets (bytes, channel 0) and weights, <c>taps</c> per column.</summary>
    public void Prepare(int[] columnOffsets, int[] columnWeights, int sourceRowBytes, int channels)
    {
        if (_bases is null || sourceRowBytes < Window)
        {
            return;
        }

        _channels = channels;
        for (int b = 0; b < _blockCount; b++)
        {
            int lo = int.MaxValue, hi = int.MinValue;
            bool narrow = true;
            for (int k = 0; k < 8; k++)
            {
                int i = (8 * b) + k, x = i / channels, ch = i - (x * channels);
                for (int t = 0; t < _taps; t++)
                {
                    int o = columnOffsets[(x * _taps) + t] + ch, w = columnWeights[(x * _taps) + t];
                    lo = Math.Min(lo, o);
                    hi = Math.Max(hi, o);
                    narrow &= w is >= short.MinValue and <= short.MaxValue;
                }
            }

            int start = Math.Min(lo, sourceRowBytes - Window);
            if (!narrow || start < 0 || hi >= start + Window)
            {
                _bases[b] = -1;
                continue;
            }

            _bases[b] = start;
            for (int g = 0; g < _groups; g++)
            {
                int entry = ((b * _groups) + g) * 16;
                for (int k = 0; k < 8; k++)
                {
                    int i = (8 * b) + k, x = i / channels, ch = i - (x * channels);
                    for (int j = 0; j < 2; j++)
                    {
                        int t = (2 * g) + j;
                        _controls![entry + (2 * k) + j] = (byte)(columnOffsets[(x * _taps) + t] + ch - start);
                        _weights![entry + (2 * k) + j] = (short)columnWeights[(x * _taps) + t];
                    }
                }
            }
        }

        Enabled = true;
    }

    /// <summary>H[i] = Σ weights * source bytes for every output sample i of one row (exact 32-bit sums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly unsafe void Row(byte* source, int* h, int* offsets, int* weights)
    {
        int groups = _groups;
        fixed (int* bases = _bases)
        fixed (byte* controls = _controls)
        fixed (short* taps = _weights)
        {
            for (int b = 0; b < _blockCount; b++)
            {
                int start = bases[b];
                if (start < 0)
                {
                    for (int i = 8 * b; i < (8 * b) + 8; i++)
                    {
                        h[i] = Sample(source, i, offsets, weights);
                    }

                    continue;
                }

                Vector256<byte> window = Vector256.Load(source + start);
                byte* control = controls + (b * groups * 16);
                short* weight = taps + (b * groups * 16);
                Vector256<int> acc = Avx2.MultiplyAddAdjacent(
                    Avx2.ConvertToVector256Int16(Avx512Vbmi.VL.PermuteVar32x8(window, Vector128.Load(control).ToVector256Unsafe()).GetLower()),
                    Vector256.Load(weight));
                for (int g = 1; g < groups; g++)
                {
                    Vector256<byte> picked = Avx512Vbmi.VL.PermuteVar32x8(window, Vector128.Load(control + (16 * g)).ToVector256Unsafe());
                    acc += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(picked.GetLower()), Vector256.Load(weight + (16 * g)));
                }

                acc.Store(h + (8 * b));
            }

            for (int i = 8 * _blockCount; i < _rowLength; i++)
            {
                h[i] = Sample(source, i, offsets, weights);
            }
        }
    }

    private readonly unsafe int Sample(byte* source, int i, int* offsets, int* weights)
    {
        int x = i / _channels, ch = i - (x * _channels), sum = 0;
        for (int t = 0; t < _taps; t++)
        {
            sum += weights[(x * _taps) + t] * source[offsets[(x * _taps) + t] + ch];
        }

        return sum;
    }

    /// <summary>Gives the tables back to the pool.</summary>
    public readonly void Return()
    {
        if (_bases is not null)
        {
            ArrayPool<int>.Shared.Return(_bases);
            ArrayPool<byte>.Shared.Return(_controls!);
            ArrayPool<short>.Shared.Return(_weights!);
        }
    }
}
