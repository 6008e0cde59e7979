namespace Ovni.Render.Tests.Sources;

public class ImageLoaderTests
{
    // A test picture with detail in every channel and a horizontal alpha ramp.
    private const string Picture = "testsrc2=s=97x61:d=1,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*X/(W-1)'";

    [Theory]
    [InlineData("png", new[] { "-c:v", "png" }, 0)]                          // lossless with alpha: exact
    [InlineData("webp", new[] { "-c:v", "libwebp", "-lossless", "1" }, 0)]   // lossless WebP with alpha: exact
    [InlineData("jpg", new[] { "-c:v", "mjpeg", "-q:v", "3" }, 0)]           // YUV JPEG: same decoder and converter as ffmpeg
    [InlineData("webp", new[] { "-c:v", "libwebp", "-quality", "80" }, 0)]   // lossy WebP (yuva420p)
    public void Loads_images_to_the_same_rgba_as_ffmpeg(string extension, string[] encoder, int tolerance)
    {
        using var dir = new TempDirectory();
        string path = dir.File("picture." + extension);
        FFmpegCli.Run("ffmpeg", ["-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i", Picture, "-frames:v", "1", .. encoder, path]);
        byte[] expected = FFmpegCli.RunBytes("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", path,
            "-sws_flags", "bicubic+accurate_rnd+full_chroma_int", "-f", "rawvideo", "-pix_fmt", "rgba", "-");

        using GpuFrame frame = ImageLoader.LoadRgba(path);
        Assert.Equal(PixelFormat.Rgba, frame.Format);
        Assert.Equal((97, 61), (frame.Width, frame.Height));
        Assert.Equal(97 * 61 * 4, expected.Length);
        var plane = frame.GetPlane<byte>(0);
        int worst = 0;
        for (int y = 0; y < 61; y++)
            for (int x = 0; x < 97 * 4; x++)
                worst = Math.Max(worst, Math.Abs(plane[y, x] - expected[y * 97 * 4 + x]));
        Assert.True(worst <= tolerance, $"largest channel difference {worst} > {tolerance}");
        if (extension == "png") Assert.Equal(255, plane[30, 96 * 4 + 3]); // alpha survived
    }

    [Fact]
    public async Task Still_image_repeats_for_the_duration_with_its_alpha()
    {
        using var dir = new TempDirectory();
        string path = dir.File("still.png");
        FFmpegCli.Run("ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i", Picture, "-frames:v", "1", path);
        int count = 0;
        await foreach (GpuFrame frame in FrameSources.StillImage(path, TimeSpan.FromSeconds(0.5), new Rational(24, 1)).WithCancellation(TestContext.Current.CancellationToken))
            using (frame)
            {
                Assert.Equal(count++, frame.Pts);
                Assert.Equal(0, frame.GetPlane<byte>(0)[10, 3]);        // alpha at x = 0
                Assert.Equal(255, frame.GetPlane<byte>(0)[10, 96 * 4 + 3]);
            }
        Assert.Equal(12, count);
    }

    [Fact]
    public void Missing_and_corrupt_images_raise_OvniException_naming_the_file()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("nope.png");
        var e1 = Assert.ThrowsAny<OvniException>(() => ImageLoader.LoadRgba(missing));
        Assert.Equal(missing, e1.FilePath);

        string corrupt = dir.File("corrupt.png");
        File.WriteAllBytes(corrupt, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var e2 = Assert.ThrowsAny<OvniException>(() => ImageLoader.LoadRgba(corrupt));
        Assert.Contains("corrupt.png", e2.Message);
    }
}
