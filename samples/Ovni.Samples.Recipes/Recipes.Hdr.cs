using Ovni;

namespace Ovni.Samples.Recipes;

internal static partial class Recipes
{
    /// <summary>HDR10 → HEVC 10-bit with a progress bar; Ctrl+C stops it and leaves no output. Returns the exit code.</summary>
    public static async Task<int> TranscodeHdrAsync(string input, string output)
    {
        // README begin: hdr
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };   // Ctrl+C: stop cleanly, not kill
        var progress = new Progress<PipelineProgress>(p => Console.Write(
            $"\r[{new string('#', (int)(p.Fraction * 30)),-30}] {p.Fraction,4:P0} {p.FramesPerSecond,5:0.0} fps, ETA {p.Eta:mm\\:ss}  "));
        try
        {
            TranscodeResult result = await Transcoder.TranscodeAsync(input, output,
                new VideoEncoderOptions { Encoder = "libx265", Crf = 22, Preset = "medium", PixelFormat = PixelFormat.Yuv420P10 },
                new MediaWriterOptions { CopyStreamsFrom = input },   // HDR10 colour tags, mastering display and light level go along
                progress: progress, cancellationToken: cancel.Token);
            Console.WriteLine($"\n{result.Frames} frames in {result.Elapsed.TotalSeconds:0.0} s -> {result.Output}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"\ncancelled: {output} was not written");   // nothing half-written is left behind
            return 130;
        }
        // README end
    }
}
