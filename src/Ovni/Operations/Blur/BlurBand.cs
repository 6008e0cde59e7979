// Why: the fused blur of one plane as a row-band body, so RowBands can spread it over the cores without a closure.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Arguments of <see cref="PlaneBlur.Blur"/> for one plane (src and dst distinct: bands run concurrently).</summary>
internal readonly unsafe struct BlurBand(byte* src, int pitchSrc, byte* dst, int pitchDst, int width, int height, int channels,
    int[] weights) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd) =>
        PlaneBlur.Blur(src, pitchSrc, dst, pitchDst, width, height, channels, weights, rowStart, rowEnd);
}
