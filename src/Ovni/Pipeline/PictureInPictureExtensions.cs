using System.Runtime.CompilerServices;

namespace Ovni;

/// <summary>
/// Picture-in-picture: a second stream scaled down into a corner of the first. This is the CPU skeleton
/// (libswscale scales the inset into the main stream's format, then the inset's rows are copied in, opaque);
/// the GPU path and blending/borders come with the kernels' overlay.
/// </summary>
/// <remarks>
/// Streams are paired by time, each measured from its own first frame: a main frame at time t shows the
/// latest inset frame whose time is ≤ t. Once the inset stream ends, its last frame stays on screen; before
/// its first frame nothing is drawn. Inset frames that no main frame shows are disposed unseen.
/// </remarks>
public static class PictureInPictureExtensions
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
        FrameConverter? converter = null;
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
                        converter ??= CreateConverter(frame, pending, options);
                        shown?.Dispose();
                        shown = converter.Convert(pending);
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
            converter?.Dispose();
            await insets.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static FrameConverter CreateConverter(GpuFrame main, GpuFrame inset, PictureInPictureOptions options)
    {
        if (main.Device.Kind != DeviceKind.Cpu || main.FormatInfo.IsHardware)
            throw new OvniException($"Picture-in-picture works on CPU frames for now; frame {main.Index} is on {main.Device.Name}.");
        if (main.FormatInfo.BitDepth != 8 || main.FormatInfo.Log2ChromaWidth > 1 || main.FormatInfo.Log2ChromaHeight > 1)
            throw new OvniException($"Picture-in-picture supports 8-bit formats with at most 2× chroma subsampling; the main stream is {main.FormatInfo.Name}.");
        int width = Even(main.Width * options.Scale);
        int height = Even(width * (double)inset.Height / inset.Width);
        width = Math.Min(width, main.Width & ~1);
        height = Math.Min(height, main.Height & ~1);
        return new FrameConverter(main.Format, Math.Max(2, width), Math.Max(2, height));
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);

    /// <summary>Copies the inset's planes into the main frame at the chosen corner (even coordinates keep chroma aligned).</summary>
    private static unsafe void Paste(GpuFrame main, GpuFrame inset, PictureInPictureOptions options)
    {
        int margin = options.Margin & ~1;
        int x = options.Corner is PictureInPictureCorner.TopLeft or PictureInPictureCorner.BottomLeft ? margin : main.Width - inset.Width - margin;
        int y = options.Corner is PictureInPictureCorner.TopLeft or PictureInPictureCorner.TopRight ? margin : main.Height - inset.Height - margin;
        x = Math.Clamp(x, 0, Math.Max(0, main.Width - inset.Width)) & ~1;
        y = Math.Clamp(y, 0, Math.Max(0, main.Height - inset.Height)) & ~1;
        PixelFormatInfo info = main.FormatInfo;
        for (int plane = 0; plane < main.PlaneCount; plane++)
        {
            int offsetBytes = info.PlaneWidthBytes(plane, x);
            int offsetRows = info.PlaneHeight(plane, y);
            int rowBytes = Math.Min(info.PlaneWidthBytes(plane, inset.Width), info.PlaneWidthBytes(plane, main.Width) - offsetBytes);
            int rows = Math.Min(inset.GetPlaneHeight(plane), main.GetPlaneHeight(plane) - offsetRows);
            byte* source = (byte*)inset.GetPlanePointer(plane);
            byte* target = (byte*)main.GetPlanePointer(plane) + (long)offsetRows * main.GetPitch(plane) + offsetBytes;
            int sourcePitch = inset.GetPitch(plane), targetPitch = main.GetPitch(plane);
            for (int row = 0; row < rows; row++)
                new ReadOnlySpan<byte>(source + (long)row * sourcePitch, rowBytes).CopyTo(new Span<byte>(target + (long)row * targetPitch, rowBytes));
        }
    }
}
