// Small helpers to build, copy and compare host frames plane by plane in plain scalar code.
namespace Ovni.Operations.Tests;

internal static class Planes
{
    /// <summary>A host frame with deterministic pseudo-random content (xorshift), or smooth gradients when asked.</summary>
    public static GpuFrame Synthetic(PixelFormat format, int width, int height, int seed, bool smooth = false)
    {
        using var pool = new FramePool(format, width, height);
        GpuFrame frame = pool.Rent();
        uint state = (uint)(seed * 2654435761u) | 1u;
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            for (int y = 0; y < plane.Height; y++)
            {
                for (int x = 0; x < plane.Width; x++)
                {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    plane[y, x] = smooth ? (byte)((x * 3 + y * 2 + p * 40 + seed) & 255) : (byte)state;
                }
            }
        }
        frame.Pts = seed;
        return frame;
    }

    /// <summary>Plane contents as arrays [plane][y, x] (bytes of the visible rows).</summary>
    public static byte[][,] Snapshot(GpuFrame frame)
    {
        var result = new byte[frame.PlaneCount][,];
        for (int p = 0; p < frame.PlaneCount; p++)
        {
            var plane = frame.GetPlane<byte>(p);
            var copy = new byte[plane.Height, plane.Width];
            for (int y = 0; y < plane.Height; y++)
                for (int x = 0; x < plane.Width; x++)
                    copy[y, x] = plane[y, x];
            result[p] = copy;
        }
        return result;
    }

    /// <summary>Asserts every visible sample of <paramref name="actual"/> is within <paramref name="tolerance"/> of the expectation.</summary>
    public static void AssertClose(byte[][,] expected, GpuFrame actual, int tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.PlaneCount);
        for (int p = 0; p < expected.Length; p++)
        {
            var plane = actual.GetPlane<byte>(p);
            Assert.Equal(expected[p].GetLength(0), plane.Height);
            Assert.Equal(expected[p].GetLength(1), plane.Width);
            for (int y = 0; y < plane.Height; y++)
            {
                for (int x = 0; x < plane.Width; x++)
                {
                    int diff = Math.Abs(expected[p][y, x] - plane[y, x]);
                    if (diff > tolerance)
                        Assert.Fail($"{what}: plane {p} ({x}, {y}) is {plane[y, x]}, expected {expected[p][y, x]} (tolerance {tolerance})");
                }
            }
        }
    }

    /// <summary>Asserts two host frames are identical in every visible sample.</summary>
    public static void AssertIdentical(GpuFrame expected, GpuFrame actual, string what) => AssertClose(Snapshot(expected), actual, 0, what);
}
