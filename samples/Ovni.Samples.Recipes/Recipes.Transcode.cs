using Ovni;

namespace Ovni.Samples.Recipes;

/// <summary>The README's "Use it in your app" recipes; the code between the README markers is shown there word for word.</summary>
internal static partial class Recipes
{
    /// <summary>The minimal app: one file in, H.264 out, audio and subtitles along.</summary>
    public static async Task TranscodeAsync(string input, string output, CancellationToken ct)
    {
        // README begin: minimal
        TranscodeResult result = await Transcoder.TranscodeAsync(input, output,
            new VideoEncoderOptions { Encoder = "libx264", Crf = 23, Preset = "fast" },
            new MediaWriterOptions { CopyStreamsFrom = input },
            cancellationToken: ct);
        Console.WriteLine($"{result.Frames} frames, {result.FramesPerSecond:0.0} fps -> {result.Output}");
        // README end
    }
}
