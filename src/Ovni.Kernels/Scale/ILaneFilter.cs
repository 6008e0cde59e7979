// Why: LaneHorizontal's loop is shared by the three filters; each says here how many pairs of taps it has and how its
// sums become its row format, so the loop is compiled once per filter with those fixed.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>A filter's side of the AVX2/128-bit horizontal pass.</summary>
internal unsafe interface ILaneFilter
{
    /// <summary>Pairs of taps per output.</summary>
    static abstract int Groups { get; }

    /// <summary>Bytes per output in the row format (2 or 4).</summary>
    static abstract int OutputBytes { get; }

    /// <summary>
    /// Stores 16 outputs: outputs 0..3 of two blocks in the lanes of <paramref name="lo"/>, 4..7 in <paramref name="hi"/>.
    /// A format of two planes writes its second plane <paramref name="second"/> bytes after the first.
    /// </summary>
    static abstract void Store16(Vector256<int> lo, Vector256<int> hi, byte* output, nint second);

    /// <summary>Stores 8 outputs: 0..3 in <paramref name="lo"/>, 4..7 in <paramref name="hi"/> (second plane as in Store16).</summary>
    static abstract void Store8(Vector128<int> lo, Vector128<int> hi, byte* output, nint second);

    /// <summary>Outputs [first, first + count) of the row from the per-sample tap tables.</summary>
    static abstract void Scalar(byte* source, void* row, nint second, int* offsets, int* weights, int first, int count);
}
