// Why: natural vignetting reads a float factor per luma pixel; computing the map costs a cosine per pixel, so maps
// are built once per (size, angle) and kept, on the host and per device.
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
