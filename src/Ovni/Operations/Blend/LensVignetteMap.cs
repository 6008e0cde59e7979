// Why: one factor map of natural vignetting for a frame size and angle, with the per-plane byte factors derived from
// it (built once per plane shape) and the key under which its device copy is cached.
using System.Runtime.InteropServices;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>One factor map and the key its device copies are cached under.</summary>
internal sealed class LensVignetteMap(int width, int height, double angle, float[] factors)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public double Angle { get; } = angle;
    public float[] Factors { get; } = factors;

    /// <summary>Device table kind: one per frame size (the angle is the key).</summary>
    public string DeviceKind { get; } = $"lens-vignette {width}x{height}";

    private readonly Dictionary<(int, int, int, int, int), float[]> _planes = [];

    /// <summary>Per-byte factors of a plane of this frame size (built once per plane shape).</summary>
    public float[] PlaneFactors(int width, int height, int channels, int subX, int subY)
    {
        lock (_planes)
        {
            if (!_planes.TryGetValue((width, height, channels, subX, subY), out float[]? factors))
            {
                factors = PlaneBlend.CreateLensVignettePlaneFactors(Factors, Width, width, height, channels, subX, subY);
                _planes[(width, height, channels, subX, subY)] = factors;
            }
            return factors;
        }
    }

    /// <summary>Builds the float map's bits as ints for the device table cache (one delegate per map, not per frame).</summary>
    public Func<int[]> Int32Table => _int32Table ??= () => MemoryMarshal.Cast<float, int>(Factors).ToArray();

    private Func<int[]>? _int32Table;
}
