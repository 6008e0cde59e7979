using Ovni;
using Ovni.Animation;
using Ovni.Captions;

namespace Ovni.Samples.Recipes;

/// <summary>The README's "Use it in your app" recipes; the code between the README markers is shown there word for word.</summary>
internal static partial class Recipes
{
    /// <summary>A 5-second 720p promo of a clip: fade in from black, a title that fades and glides in, fade out to black.</summary>
    public static async Task RenderPromoAsync(string clip, string output, CancellationToken ct)
    {
        // README begin: promo
        // The title: an ASS script rendered by libass (outline, shadow, fade and move are ASS tags).
        CaptionTrack title = CaptionTrack.Parse("""
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 1280
            PlayResY: 720

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Title,DejaVu Sans,72,&H00FFFFFF,&H00FFFFFF,&H00202020,&H80000000,1,0,0,0,100,100,0,0,1,4,3,5,0,0,0,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.40,0:00:04.40,Title,,0,0,0,,{\fad(600,500)\move(640,400,640,360,0,700)}Summer Sale
            """);
        var fromBlack = new Keyframes<double>()                  // 1 = black, 0 = the picture
            .Add(TimeSpan.Zero, 1, Easing.QuadOut).Add(TimeSpan.FromSeconds(0.6), 0)
            .Add(TimeSpan.FromSeconds(4.4), 0, Easing.QuadIn).Add(TimeSpan.FromSeconds(5), 1);

        await using MediaReader reader = MediaReader.Open(clip);
        IAsyncEnumerable<GpuFrame> promo = reader.ReadFramesAsync(ct)
            .Trim(TimeSpan.Zero, TimeSpan.FromSeconds(5))        // starts at 0: keyframes and the title run on the promo's time
            .Scale(1280, 720, ScaleFilter.Lanczos3)
            .Captions(title)
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
