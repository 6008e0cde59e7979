using System.Runtime.CompilerServices;
using Ovni.Operations;

namespace Ovni;

// Picture-in-picture: a second stream scaled down into a corner of the first, opaque. The inset is brought to the
// main frame's device and layout, resized with Ovni's own scale kernels (area averaging for reductions of 2x or
// more, bicubic otherwise) and copied in with the blend kernel at weight 0, so CPU and CUDA frames give the same pixels.
// Streams are paired by time, each measured from its own first frame: a main frame at time t shows the
// latest inset frame whose time is ≤ t. Once the inset stream ends, its last frame stays on screen; before
// its first frame nothing is drawn. Inset frames that no main frame shows are disposed unseen.
public static partial class StreamOperations
{
    /// <summary>Draws <paramref name="inset"/> scaled down into a corner of each frame of <paramref name="main"/>.</summary>
    public static IAsyncEnumerable<GpuFrame> PictureInPicture(this IAsyncEnumerable<GpuFrame> main, IAsyncEnumerable<GpuFrame> inset, PictureInPictureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(inset);
        options ??= new PictureInPictureOptions();
        if (!(options.Scale > 0 && options.Scale <= 1)) throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Margin);
        return PictureInPictureCore(main, inset, options);
    }

    private static async IAsyncEnumerable<GpuFrame> PictureInPictureCore(IAsyncEnumerable<GpuFrame> main, IAsyncEnumerable<GpuFrame> inset,
        PictureInPictureOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<GpuFrame> insets = inset.GetAsyncEnumerator(cancellationToken);
        InsetPreparer? preparer = null;
        GpuFrame? shown = null, pending = null;
        bool insetDone = false;
        long mainStart = long.MinValue, insetStart = long.MinValue;
        try
        {
            await foreach (GpuFrame frame in main.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    long mainTicks = FrameTiming.ToTicks(frame.Pts, frame.TimeBase);
                    if (mainStart == long.MinValue) mainStart = mainTicks;
                    while (true)
                    {
                        if (pending is null && !insetDone)
                        {
                            if (await insets.MoveNextAsync().ConfigureAwait(false)) pending = insets.Current;
                            else insetDone = true;
                        }
                        if (pending is null) break;
                        long insetTicks = FrameTiming.ToTicks(pending.Pts, pending.TimeBase);
                        if (insetStart == long.MinValue) insetStart = insetTicks;
                        if (insetTicks - insetStart > mainTicks - mainStart) break;
                        preparer ??= new InsetPreparer(frame, pending, options);
                        shown?.Dispose();
                        shown = preparer.Prepare(pending);
                        pending.Dispose();
                        pending = null;
                    }
                    if (shown is not null)
                    {
                        frame.MakeWritable();
                        Paste(frame, shown, options);
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
            shown?.Dispose();
            pending?.Dispose();
            preparer?.Dispose();
            await insets.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Copies the inset into the main frame at the chosen corner (even coordinates keep chroma aligned).</summary>
    private static void Paste(GpuFrame main, GpuFrame inset, PictureInPictureOptions options)
    {
        int margin = options.Margin & ~1;
        int x = options.Corner is PictureInPictureCorner.TopLeft or PictureInPictureCorner.BottomLeft ? margin : main.Width - inset.Width - margin;
        int y = options.Corner is PictureInPictureCorner.TopLeft or PictureInPictureCorner.TopRight ? margin : main.Height - inset.Height - margin;
        x = Math.Clamp(x, 0, Math.Max(0, main.Width - inset.Width)) & ~1;
        y = Math.Clamp(y, 0, Math.Max(0, main.Height - inset.Height)) & ~1;
        using GpuFrame window = main.CreateView(x, y, inset.Width, inset.Height);
        CrossFadeOperation.Copy(inset, window);
    }
}
