// Why: a vignette's rows are independent once each mirrored row pair shares its factors, so bands of row pairs
// spread over the cores.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>One plane's vignette as a row-band body over row pairs (see <see cref="PlaneBlend.VignettePlaneRowPairs"/>).</summary>
internal readonly unsafe struct VignetteBand(byte* plane, int pitch, int width, int height, int channels, int centre, int strength) : IRowBandBody
{
    /// <inheritdoc />
    public void Run(int rowStart, int rowEnd) =>
        PlaneBlend.VignettePlaneRowPairs(plane, pitch, width, height, channels, centre, strength, rowStart, rowEnd);
}
