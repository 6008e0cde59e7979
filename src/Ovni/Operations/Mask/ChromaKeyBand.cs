// Why: the chroma key decides each pixel's alpha from that pixel alone, so bands of rows key independently.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A chroma key of an RGBA plane as a row-band body (rows offset by pointer, the kernel unchanged).</summary>
internal readonly unsafe struct ChromaKeyBand(byte* rgba, int pitch, int width, int keyU, int keyV, int threshold, int softness,
    ColorMatrix matrix, YuvRange range) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd) =>
        RgbaMask.ChromaKey(rgba + (long)rowStart * pitch, pitch, width, rowEnd - rowStart, keyU, keyV, threshold, softness, matrix, range);
}
