// Why: the definition of a chroma key: the key colour as 8-bit chroma in the frame's matrix/range and the two
// distances (clamped to the largest possible chroma distance, 362 ≈ 256·√2), resolved once per frame.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>A chroma key for one frame, as the kernel takes it.</summary>
/// <param name="KeyU">U of the key colour (8-bit).</param>
/// <param name="KeyV">V of the key colour (8-bit).</param>
/// <param name="Threshold">Chroma distance keyed out completely, 0..362.</param>
/// <param name="Softness">Width of the ramp beyond the threshold, 0..362.</param>
public readonly record struct ChromaKeyParameters(int KeyU, int KeyV, int Threshold, int Softness)
{
    /// <summary>Largest distance between two 8-bit chroma pairs (rounded up).</summary>
    public const int MaxDistance = 362;

    /// <summary>The key's chroma under <paramref name="matrix"/>/<paramref name="range"/> (see <see cref="RgbaColorYuv.ToYuv"/>); distances clamped.</summary>
    public static ChromaKeyParameters Resolve(RgbaColor key, int threshold, int softness, ColorMatrix matrix, YuvRange range)
    {
        (_, int u, int v) = key.ToYuv(matrix, range);
        return new ChromaKeyParameters(u, v, Math.Clamp(threshold, 0, MaxDistance), Math.Clamp(softness, 0, MaxDistance));
    }
}
