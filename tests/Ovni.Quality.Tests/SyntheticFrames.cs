// Deterministic textured test frames (no shared data needed): a smooth pattern plus noise, and a distorted copy.
namespace Ovni.Quality.Tests;

internal static class SyntheticFrames
{
    /// <summary>Writes a raw planar 4:2:0 8-bit file of <paramref name="frames"/> frames; distortion adds noise of that amplitude.</summary>
    public static string WriteRaw8(string path, int width, int height, int frames, int seed, int noise)
    {
        var format = new Ovni.Quality.YuvFormat(width, height);
        var frame = new byte[format.FrameBytes];
        using var stream = File.Create(path);
        for (int f = 0; f < frames; f++)
        {
            Fill(frame, width, height, f, seed, noise);
            stream.Write(frame);
        }
        return path;
    }

    public static void Fill(byte[] frame, int width, int height, int frameIndex, int seed, int noise)
    {
        var random = new Random(seed * 1000 + frameIndex);
        for (int i = 0; i < frame.Length; i++)
        {
            int x = i % width, y = i / width % (height * 2);
            double v = 128 + 70 * Math.Sin((x + 3 * frameIndex) / 13.0) * Math.Cos(y / 9.0) + 20 * Math.Sin(i * 0.37);
            // the same pattern for every seed; noise differs per seed
            frame[i] = (byte)Math.Clamp((int)v + (noise > 0 ? random.Next(-noise, noise + 1) : 0), 0, 255);
        }
    }

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"ovni-quality-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}");
}
