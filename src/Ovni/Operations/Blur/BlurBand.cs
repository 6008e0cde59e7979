// Why: one blur pass of one plane as a row-band body, so RowBands can spread it over the cores without a closure.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Arguments of <see cref="PlaneBlur.BlurPassRows"/> for one plane and direction.</summary>
internal readonly unsafe struct BlurBand(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
    int[] weights, bool vertical) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd) =>
        PlaneBlur.BlurPassRows(src, pitchSrc, dst, pitchDst, width, height, channels, weights, vertical, rowStart, rowEnd);
}
