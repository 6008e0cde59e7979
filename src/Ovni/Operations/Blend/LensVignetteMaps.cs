// Why: natural vignetting reads a float factor per luma pixel; computing the map costs a cosine per pixel, so maps
// are built once per (size, angle) and kept, on the host and per device.
using System.Runtime.InteropServices;
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Cached factor maps of <see cref="FrameOperations.LensVignette"/>.</summary>
internal static class LensVignetteMaps
{
    private const int MaxMaps = 8;
    private static readonly Lock s_gate = new();
    private static readonly List<LensVignetteMap> s_maps = [];

    /// <summary>The map for a <paramref name="width"/> x <paramref name="height"/> frame and <paramref name="angle"/>.</summary>
    public static LensVignetteMap Get(int width, int height, double angle)
    {
        lock (s_gate)
        {
            foreach (LensVignetteMap map in s_maps)
                if (map.Width == width && map.Height == height && map.Angle.Equals(angle)) return map;
            if (s_maps.Count >= MaxMaps) s_maps.RemoveAt(0); // animated angles: keep the newest few
            var created = new LensVignetteMap(width, height, angle, PlaneBlend.CreateLensVignetteFactors(width, height, angle));
            s_maps.Add(created);
            return created;
        }
    }
}

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
