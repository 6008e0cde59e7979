// Why: one plane's resize as a row-band body, so RowBands can spread its destination rows over the cores.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Arguments of the PlaneScale row-range entry points for one plane.</summary>
internal readonly unsafe struct ScaleBand(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
    int dstWidth, int dstHeight, int channels, ScaleFilter filter, int[]? lanczosTable) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd)
    {
        switch (filter)
        {
            case ScaleFilter.Bicubic:
                PlaneScale.ScalePlaneBicubicRows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, rowStart, rowEnd);
                break;
            case ScaleFilter.Lanczos3:
                PlaneScale.ScalePlaneLanczos3Rows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, lanczosTable, rowStart, rowEnd);
                break;
            default:
                PlaneScale.ScalePlaneBilinearRows(src, pitchSrc, srcWidth, srcHeight, dst, pitchDst, dstWidth, dstHeight, channels, rowStart, rowEnd);
                break;
        }
    }
}
