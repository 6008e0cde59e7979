using System.Runtime.CompilerServices;
using Ovni.Captions;

namespace Ovni;

// Burns captions into a frame stream: frames.Captions(CaptionTrack.Load("movie.srt")). Frames are
// made writable only when a caption shows on them; the prepared caption layer is reused for as long as
// libass reports the captions unchanged.
public static partial class StreamOperations
{
    /// <summary>Draws <paramref name="track"/>'s captions onto each frame at its timestamp (8-bit YUV frames, host or CUDA).</summary>
    public static IAsyncEnumerable<GpuFrame> Captions(this IAsyncEnumerable<GpuFrame> frames, CaptionTrack track, CaptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(track);
        return CaptionsCore(frames, track, options ?? new CaptionOptions());
    }

    private static async IAsyncEnumerable<GpuFrame> CaptionsCore(IAsyncEnumerable<GpuFrame> frames, CaptionTrack track, CaptionOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CaptionRenderer? renderer = null;
        using var compositor = new CaptionCompositor();
        try
        {
            await foreach (GpuFrame frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (renderer is null || renderer.Width != frame.Width || renderer.Height != frame.Height)
                    {
                        renderer?.Dispose();
                        renderer = new CaptionRenderer(track, frame.Width, frame.Height, options);
                    }
                    CaptionFrame captions = renderer.Render(frame.Timestamp + options.TimeOffset);
                    if (captions.Bitmaps.Count > 0)
                    {
                        frame.MakeWritable();
                        compositor.Composite(frame, captions);
                    }
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
