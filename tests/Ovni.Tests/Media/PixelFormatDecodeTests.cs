using System.Security.Cryptography;

namespace Ovni.Tests.Media;

/// <summary>
/// 8- and 10-bit 4:2:0, 4:2:2 and 4:4:4: what Ovni decodes is byte for byte what the ffmpeg tool decodes.
/// The clips are lossless FFV1 made from FFmpeg's test pattern, so any difference is ours.
/// </summary>
public class PixelFormatDecodeTests
{
    [Theory]
    [InlineData("yuv420p", PixelFormat.Yuv420P)]
    [InlineData("yuv422p", PixelFormat.Yuv422P)]
    [InlineData("yuv444p", PixelFormat.Yuv444P)]
    [InlineData("yuv420p10le", PixelFormat.Yuv420P10)]
    [InlineData("yuv422p10le", PixelFormat.Yuv422P10)]
    [InlineData("yuv444p10le", PixelFormat.Yuv444P10)]
    public async Task Decoded_planes_equal_ffmpegs_raw_output(string pixFmt, PixelFormat expected)
    {
        using var temp = new TempDirectory();
        string clip = temp.File("clip.mkv");
        // Odd-ish size (not a multiple of 16 or 64) so pitch padding and chroma rounding are exercised.
        FFmpegCli.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=350x198:r=25:d=0.4", "-pix_fmt", pixFmt, "-c:v", "ffv1", clip);
        string raw = temp.File("frames.raw");
        FFmpegCli.Run("ffmpeg", "-v", "error", "-i", clip, "-f", "rawvideo", "-pix_fmt", pixFmt, raw);
        byte[] reference = File.ReadAllBytes(raw);

        await using var reader = MediaReader.Open(clip);
        Assert.Equal(expected, reader.Video.PixelFormat);
        using var ours = new MemoryStream();
        await foreach (GpuFrame frame in reader.ReadFramesAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.Equal(expected, frame.Format);
                for (int p = 0; p < frame.PlaneCount; p++)
                {
                    var plane = frame.GetPlane<byte>(p);
                    for (int y = 0; y < plane.Height; y++) ours.Write(plane.GetRowSpan(y));
                }
            }
        }
        Assert.Equal(reference.Length, ours.Length);
        Assert.Equal(SHA256.HashData(reference), SHA256.HashData(ours.ToArray()));
    }
}
