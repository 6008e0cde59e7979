namespace Ovni.Tests.Frames;

/// <summary>The libswscale baseline converts like the ffmpeg tool's scale filter with the same flags.</summary>
public class FrameConverterTests
{
    [Theory]
    [InlineData("yuv444p", PixelFormat.Yuv420P, 640, 360)]
    [InlineData("yuv420p10le", PixelFormat.Yuv420P, 0, 0)]
    [InlineData("yuv420p", PixelFormat.Nv12, 0, 0)]
    public async Task Converts_like_ffmpegs_scale_filter(string sourceFormat, PixelFormat target, int width, int height)
    {
        using var temp = new TempDirectory();
        string clip = temp.File("clip.mkv");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=0.12", "-pix_fmt", sourceFormat, "-c:v", "ffv1", clip);
        string targetName = PixelFormatInfo.Get(target).Name;
        string scale = width > 0 ? $"scale={width}:{height}:flags=bicubic+accurate_rnd," : "scale=flags=bicubic+accurate_rnd,";
        string raw = temp.File("ref.raw");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", clip, "-vf", scale + "format=" + targetName, "-f", "rawvideo", raw);
        byte[] reference = File.ReadAllBytes(raw);

        using var converter = new FrameConverter(target, width, height);
        await using var reader = MediaReader.Open(clip);
        var ours = new List<byte>();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            using (GpuFrame converted = converter.Convert(frame))
            {
                Assert.Equal(target, converted.Format);
                Assert.Equal(frame.Pts, converted.Pts);
                for (int p = 0; p < converted.PlaneCount; p++)
                {
                    var plane = converted.GetPlane<byte>(p);
                    for (int y = 0; y < plane.Height; y++) ours.AddRange(plane.GetRowSpan(y).ToArray());
                }
            }
        }
        Assert.Equal(reference.Length, ours.Count);
        int worst = 0;
        for (int i = 0; i < reference.Length; i++) worst = Math.Max(worst, Math.Abs(reference[i] - ours[i]));
        Assert.True(worst <= 1, $"largest difference {worst} code values");
    }
}
