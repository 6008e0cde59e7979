using Ovni;
using Ovni.Animation;

namespace Ovni.Samples.Recipes;

/// <summary>The README's "Use it in your app" recipes; the code between the README markers is shown there word for word.</summary>
internal static partial class Recipes
{
    /// <summary>A 5-second 720p promo of a clip: fade in from black, a title that fades and glides in, fade out to black.</summary>
    public static async Task RenderPromoAsync(string clip, string output, CancellationToken ct)
    {
        // README begin: promo
        // The title: drawn by DrawText (libass in frame pixels); it glides up and fades in, then fades out.
        var title = new TextStyle { Font = "DejaVu Sans", Size = 72, Bold = true, Outline = 4, Shadow = 3, Anchor = 5 }; // 5: centred on (x, y)
        var titleY = new Keyframes<double>().Add(TimeSpan.FromSeconds(0.4), 400, Easing.CubicOut).Add(TimeSpan.FromSeconds(1.1), 360);
        var titleOpacity = new Keyframes<double>()
            .Add(TimeSpan.FromSeconds(0.4), 0).Add(TimeSpan.FromSeconds(1.0), 1)
            .Add(TimeSpan.FromSeconds(3.9), 1).Add(TimeSpan.FromSeconds(4.4), 0);
        var fromBlack = new Keyframes<double>()                  // 1 = black, 0 = the picture
            .Add(TimeSpan.Zero, 1, Easing.QuadOut).Add(TimeSpan.FromSeconds(0.6), 0)
            .Add(TimeSpan.FromSeconds(4.4), 0, Easing.QuadIn).Add(TimeSpan.FromSeconds(5), 1);

        await using MediaReader reader = MediaReader.Open(clip);
        IAsyncEnumerable<GpuFrame> promo = reader.ReadFramesAsync(ct)
            .Trim(TimeSpan.Zero, TimeSpan.FromSeconds(5))        // starts at 0: keyframes and the title run on the promo's time
            .Scale(1280, 720, ScaleFilter.Lanczos3)
            .DrawText("Summer Sale", title, 640, titleY, titleOpacity)
            .Fade(RgbaColor.Black, fromBlack);
        await using MediaWriter writer = MediaWriter.Create(output,
            new VideoEncoderOptions { Encoder = "libx264", Crf = 20, Preset = "fast" },
            new MediaWriterOptions { CopyStreamsFrom = clip },  // the clip's audio, cut to the 5 seconds
            reader.Video);
        await writer.WriteAsync(promo, cancellationToken: ct);
        // README end
        Console.WriteLine($"{writer.FramesWritten} frames -> {output}");
    }
}
