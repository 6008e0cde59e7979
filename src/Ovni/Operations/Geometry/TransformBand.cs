// Why: one plane's affine resample as a row-band body, so RowBands can spread its destination rows over the cores.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Arguments of <see cref="PlaneTransform.TransformPlaneRows"/> for one plane.</summary>
internal readonly unsafe struct TransformBand(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
    int dstWidth, int dstHeight, int channels, AffineMapQ16 map, int fill0, int fill1, int fill2, int fill3) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd)
    {
        ReadOnlySpan<int> fill = [fill0, fill1, fill2, fill3];
        PlaneTransform.TransformPlaneRows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, map, fill, rowStart, rowEnd);
    }
}
