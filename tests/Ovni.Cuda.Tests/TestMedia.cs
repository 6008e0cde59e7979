// Locates ../shared/media beside the repository and decodes a few real frames from it; tests that need
// it skip with a reason when it is absent.
namespace Ovni.Cuda.Tests;

internal static class TestMedia
{
    public static string? SharedDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ovni.sln")))
            {
                string shared = Path.Combine(directory.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }

    /// <summary>Full path of a file in shared/media, or a skip when it is not there.</summary>
    public static string Require(string name)
    {
        string? shared = SharedDirectory();
        string? path = shared is null ? null : Path.Combine(shared, "media", name);
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"shared media '{name}' not found (expected in ../shared/media beside the repository)");
        }
        return path!;
    }

    /// <summary>The first <paramref name="count"/> frames of a file, converted to <paramref name="format"/> when given.</summary>
    public static List<GpuFrame> Decode(string path, int count, PixelFormat? format = null)
    {
        var frames = new List<GpuFrame>();
        using MediaReader reader = MediaReader.Open(path);
        using var converter = format is PixelFormat f ? new FrameConverter(f) : null;
        while (frames.Count < count && reader.ReadFrame() is GpuFrame frame)
        {
            if (converter is null)
            {
                frames.Add(frame);
                continue;
            }
            using (frame)
            {
                frames.Add(converter.Convert(frame));
            }
        }
        return frames;
    }

    /// <summary>Asserts two host frames hold the same visible pixels in every plane.</summary>
    public static void AssertSamePixels(GpuFrame expected, GpuFrame actual)
    {
        Assert.Equal(expected.FormatInfo.Name, actual.FormatInfo.Name);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        for (int plane = 0; plane < expected.PlaneCount; plane++)
        {
            var a = expected.GetPlane<byte>(plane);
            var b = actual.GetPlane<byte>(plane);
            for (int y = 0; y < a.Height; y++)
            {
                if (!a.GetRowSpan(y).SequenceEqual(b.GetRowSpan(y)))
                {
                    Assert.Fail($"frame {expected.Index} plane {plane} row {y} differs");
                }
            }
        }
    }
}
