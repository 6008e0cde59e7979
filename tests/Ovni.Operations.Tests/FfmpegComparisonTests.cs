// Ovni's operations against FFmpeg's filters on real footage, through the public operations. Where the definitions
// are the same (cross-fade, integer-position overlay luma) the results agree within one code value; where they
// differ by design (swscale's filter widening, gblur's recursive approximation) each tolerance says why and what was
// measured. LensVignette and ChromaKeyToRgba are FFmpeg's vignette and chromakey functions and must equal them
// sample for sample. Ovni's soft Vignette and RGBA ChromaKey define other functions and are not compared.
using System.Drawing;

namespace Ovni.Operations.Tests;

public sealed class FfmpegComparisonTests
{
    private const string Clip = "cockatoo.mp4"; // 1280x720 h264

    [Theory]
    [InlineData(ScaleFilter.Bilinear, "bilinear", 640, 360)]
    [InlineData(ScaleFilter.Bicubic, "bicubic", 1920, 1080)]
    [InlineData(ScaleFilter.Lanczos3, "lanczos", 960, 540)]
    public void Scale_agrees_with_swscale(ScaleFilter filter, string flags, int width, int height)
    {
        using GpuFrame frame = DecodeOne();
        using GpuFrame scaled = frame.Scale(width, height, filter);
        byte[] raw = Filter(frame, $"scale={width}:{height}:flags={flags}+accurate_rnd+full_chroma_int");
        var stats = FfmpegFilters.Compare(raw, 0, scaled);
        Report(stats);
        string detail = FfmpegFilters.Describe(stats);
        // Same centre-aligned grid; swscale works in 14/15-bit intermediates with its own coefficient rounding and
        // (bilinear/lanczos downscale) widens the filter by the reduction factor, Ovni does not. Measured on this clip
        // (1280x720 -> size): bicubic 2x up max 2, mean 0.03; bilinear 0.5x max 17, mean 0.21, 2.5% > 1; lanczos
        // 0.75x max 16, mean 0.11; chroma mean below 0.07 everywhere.
        Assert.True(stats[0].Mean < 0.5 && stats[0].Over1 < 0.05, $"{flags} luma: {detail}");
        Assert.True(stats[1].Mean < 0.2 && stats[2].Mean < 0.2, $"{flags} chroma: {detail}");
    }

    [Theory]
    [InlineData("PI/5", Math.PI / 5)]
    [InlineData("PI/3", Math.PI / 3)]
    public void LensVignette_equals_the_vignette_filter(string expression, double angle)
    {
        using GpuFrame frame = DecodeOne();
        byte[] raw = Filter(frame, $"vignette=angle={expression}:dither=0");
        frame.LensVignette(angle);
        var stats = FfmpegFilters.Compare(raw, 0, frame);
        Report(stats);
        // The same float32 factor map and the same float arithmetic and truncation: every sample equal.
        Assert.All(stats, s => Assert.True(s.Max == 0, FfmpegFilters.Describe(stats)));
    }

    [Fact]
    public void CrossFade_agrees_with_the_blend_filter_within_one_code_value()
    {
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require(Clip), 12, PixelFormat.Yuv420P);
        try
        {
            GpuFrame a = frames[0], b = frames[11];
            string folder = Directory.CreateTempSubdirectory("ovni-ops-ff-").FullName;
            try
            {
                string pa = Path.Combine(folder, "a.yuv"), pb = Path.Combine(folder, "b.yuv");
                using (var s = File.Create(pa)) FfmpegFilters.AppendRaw(a, s);
                using (var s = File.Create(pb)) FfmpegFilters.AppendRaw(b, s);
                string size = $"{a.Width}x{a.Height}";
                byte[] raw = FfmpegFilters.Run("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-i", pa,
                    "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-i", pb,
                    "-filter_complex", "[0][1]blend=all_expr='A*(1-0.25)+B*0.25'", "-f", "rawvideo", "-");
                a.CrossFade(b, 0.25); // weight exactly 64/256
                var stats = FfmpegFilters.Compare(raw, 0, a);
                Report(stats);
                // blend evaluates in double and truncates; Ovni rounds: differences are 0 or 1.
                Assert.All(stats, s => Assert.True(s.Max <= 1, FfmpegFilters.Describe(stats)));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Overlay_at_an_even_position_agrees_with_the_overlay_filter()
    {
        using GpuFrame frame = DecodeOne();
        using GpuFrame logo = AnimationPipeline.CreateLogo();
        string folder = Directory.CreateTempSubdirectory("ovni-ops-ff-").FullName;
        try
        {
            string pf = Path.Combine(folder, "f.yuv"), pl = Path.Combine(folder, "l.rgba");
            using (var s = File.Create(pf)) FfmpegFilters.AppendRaw(frame, s);
            using (var s = File.Create(pl)) FfmpegFilters.AppendRaw(logo, s);
            // Frame tagged BT.709 limited below; tell swscale the same for the overlay's RGB->YUV conversion.
            byte[] raw = FfmpegFilters.Run("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{frame.Width}x{frame.Height}", "-i", pf,
                "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "64x40", "-i", pl,
                "-filter_complex", "[1]scale=out_color_matrix=bt709:out_range=tv,format=yuva420p[o];[0][o]overlay=x=100:y=50:format=yuv420",
                "-f", "rawvideo", "-");
            frame.Color = new ColorInfo(ColorRange.Limited, 1, 1, 1);
            frame.Overlay(logo, 100, 50);
            var stats = FfmpegFilters.Compare(raw, 0, frame);
            Report(stats);
            // Luma: both blend Y per pixel with the pixel's alpha (FFmpeg a/255, Ovni (a + a>>7)/256): within 1.
            // Chroma: FFmpeg converts the logo to yuva420p first (chroma of the 2x2 mean colour, alpha subsampled),
            // Ovni averages per-pixel chroma weighted by alpha; they differ where a block mixes very different
            // colours and alphas (measured: max 9, mean 0.003).
            Assert.True(stats[0].Max <= 1, FfmpegFilters.Describe(stats));
            Assert.True(stats[1].Max <= 12 && stats[2].Max <= 12 && stats[1].Mean < 0.02 && stats[2].Mean < 0.02, FfmpegFilters.Describe(stats));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0.08, 0.1)]
    [InlineData(0.12, 0.0)] // hard key
    public void ChromaKeyToRgba_alpha_equals_the_chromakey_filter(double similarity, double blend)
    {
        using GpuFrame frame = DecodeOne();
        // Key the colour of a real pixel of the clip, so part of the picture is keyed and part is not.
        RgbaColor key;
        using (GpuFrame rgb = frame.ToRgba())
        {
            var px = rgb.GetPlane<byte>(0);
            key = new RgbaColor(px[360, 4 * 640], px[360, (4 * 640) + 1], px[360, (4 * 640) + 2]);
        }
        string colour = $"0x{key.R:X2}{key.G:X2}{key.B:X2}";
        string sim = similarity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string bl = blend.ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] raw = Filter(frame, $"chromakey=color={colour}:similarity={sim}:blend={bl}", "yuva420p");
        using GpuFrame keyed = frame.ChromaKeyToRgba(key, similarity, blend);
        using GpuFrame plain = frame.ToRgba();
        int w = frame.Width, h = frame.Height, alphaOffset = (w * h) + (2 * (w / 2) * (h / 2));
        var pixels = keyed.GetPlane<byte>(0);
        var reference = plain.GetPlane<byte>(0);
        int transparent = 0, opaque = 0;
        // FFmpeg's filter keeps the previous pixel's neighbours where a neighbour falls outside the frame, so its
        // one-pixel border depends on scan order; Ovni repeats the edge. Everything inside must be identical.
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                int expected = raw[alphaOffset + (y * w) + x];
                Assert.True(expected == pixels[y, (4 * x) + 3], $"alpha at ({x}, {y}): ffmpeg {expected}, Ovni {pixels[y, (4 * x) + 3]}");
                if (expected == 0) transparent++;
                if (expected == 255) opaque++;
            }
        for (int x = 0; x < 4 * w; x++)
            if (x % 4 != 3) Assert.Equal(reference[h / 2, x], pixels[h / 2, x]); // colour is ToRgba's
        Assert.True(transparent > 100 && opaque > 100, $"the key should cut part of the picture: {transparent} transparent, {opaque} opaque");
    }

    [Fact]
    public void GaussianBlur_is_close_to_gblur()
    {
        using GpuFrame frame = DecodeOne();
        byte[] blurred = Filter(frame, "gblur=sigma=2:steps=6");
        frame.GaussianBlur(2.0);
        var stats = FfmpegFilters.Compare(blurred, 0, frame);
        Report(stats);
        // gblur approximates the Gaussian with `steps` passes of a first-order recursive filter; Ovni convolves with
        // the truncated kernel (radius 3 sigma). Measured on this clip: luma max 11 (high-contrast edges), mean 0.09,
        // 0.07% of samples differ by more than 1; chroma max 2.
        Assert.True(stats.All(s => s.Mean < 0.25 && s.Over1 < 0.01), FfmpegFilters.Describe(stats));
    }

    // The measured differences go to the test output, so a run documents how close the two are.
    private static void Report((int Max, double Mean, double Over1)[] stats) =>
        TestContext.Current.TestOutputHelper?.WriteLine(FfmpegFilters.Describe(stats));

    private static GpuFrame DecodeOne()
    {
        List<GpuFrame> frames = TestEnvironment.Decode(TestMedia.Require(Clip), 1, PixelFormat.Yuv420P);
        return frames[0];
    }

    private static byte[] Filter(GpuFrame frame, string filter, string outputFormat = "yuv420p")
    {
        string folder = Directory.CreateTempSubdirectory("ovni-ops-ff-").FullName;
        try
        {
            string input = Path.Combine(folder, "in.yuv");
            using (var s = File.Create(input)) FfmpegFilters.AppendRaw(frame, s);
            return FfmpegFilters.Run("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{frame.Width}x{frame.Height}", "-i", input,
                "-vf", filter, "-f", "rawvideo", "-pix_fmt", outputFormat, "-");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
