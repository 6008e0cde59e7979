using System.Runtime.CompilerServices;
using Ovni.Captions;
using Ovni.Operations;

namespace Ovni;

// Text on every frame of a stream with one libass renderer and one compositor for the whole stream: an unchanged title
// is rasterised once and (on a GPU) uploaded once.
public static partial class StreamOperations
{
    /// <summary>
    /// Draws text on each frame (see <see cref="FrameOperations.DrawText"/>); text, position and opacity are evaluated at
    /// each frame's timestamp. The style is checked here, so a missing font fails before the first frame is read.
    /// </summary>
    /// <exception cref="FrameOperationException">The style is not usable (size, outline, anchor, a font that is not there).</exception>
    public static IAsyncEnumerable<GpuFrame> DrawText(this IAsyncEnumerable<GpuFrame> frames, OperationValue<string> text, TextStyle style,
        OperationValue<double> x, OperationValue<double> y, OperationValue<double>? opacity = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        TextRenderer.Validate(style);
        return DrawTextCore(frames, text, style, x, y, opacity);
    }

    private static async IAsyncEnumerable<GpuFrame> DrawTextCore(IAsyncEnumerable<GpuFrame> frames, OperationValue<string> text, TextStyle style,
        OperationValue<double> x, OperationValue<double> y, OperationValue<double>? opacity, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TextRenderer? renderer = null;
        using var compositor = new CaptionCompositor();
        try
        {
            await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (renderer is null || renderer.Width != frame.Width || renderer.Height != frame.Height)
                    {
                        renderer?.Dispose();
                        renderer = new TextRenderer(style, frame.Width, frame.Height);
                    }
                    TextDrawing.Draw(frame, renderer, compositor, text, x, y, opacity);
                }
                catch
                {
                    frame.Dispose();
                    throw;
                }
                yield return frame;
            }
        }
        finally
        {
            renderer?.Dispose();
        }
    }
}
