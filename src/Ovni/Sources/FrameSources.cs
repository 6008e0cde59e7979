using System.Runtime.CompilerServices;

namespace Ovni;

/// <summary>
/// Streams of generated frames: a solid colour, a gradient, a still image, or any frame repeated.
/// Frame <c>i</c> has pts <c>i</c> in time base 1/frameRate (a frame rate of 30000/1001 gives time base
/// 1001/30000) and the stream holds <c>round(duration × frameRate)</c> frames. The picture is drawn once;
/// every frame shares its memory (<see cref="GpuFrame.Share"/>), so call <see cref="GpuFrame.MakeWritable"/>
/// before drawing on a frame. YUV output uses BT.709 (limited range, or full range for yuvj420p).
/// </summary>
public static class FrameSources
{
    /// <summary>Frames filled with one colour.</summary>
    public static IAsyncEnumerable<GpuFrame> SolidColor(int width, int height, RgbaColor color, TimeSpan duration, Rational frameRate,
        PixelFormat format = PixelFormat.Yuv420P)
    {
        ValidateTiming(duration, frameRate);
        GpuFrame picture = Draw(width, height, format, (_, _) => color);
        return Repeat(picture, duration, frameRate);
    }

    /// <summary>
    /// Frames holding a linear gradient from <paramref name="from"/> to <paramref name="to"/> along the direction
    /// <paramref name="angleDegrees"/> (0 = left to right, 90 = top to bottom). All four channels are interpolated
    /// linearly in sRGB values, each pixel at its centre.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> Gradient(int width, int height, RgbaColor from, RgbaColor to, double angleDegrees,
        TimeSpan duration, Rational frameRate, PixelFormat format = PixelFormat.Yuv420P)
    {
        ValidateTiming(duration, frameRate);
        GpuFrame picture = Draw(width, height, format, GradientFunction(width, height, from, to, angleDegrees));
        return Repeat(picture, duration, frameRate);
    }

    /// <summary>Frames showing the picture in <paramref name="path"/> (PNG, JPEG, WebP, …), in <paramref name="format"/> (RGBA keeps its alpha).</summary>
    /// <exception cref="OvniException">The image cannot be read (thrown here, not on enumeration).</exception>
    public static IAsyncEnumerable<GpuFrame> StillImage(string path, TimeSpan duration, Rational frameRate, PixelFormat format = PixelFormat.Rgba)
    {
        ValidateTiming(duration, frameRate);
        return Repeat(ImageLoader.Load(path, format), duration, frameRate);
    }

    /// <summary>
    /// Repeats <paramref name="picture"/> (which this call takes ownership of) for <paramref name="duration"/>.
    /// The stream is single-use: the picture is disposed when its enumeration ends (completed, broken off or
    /// failed), and a stream that is never enumerated keeps the picture alive, so enumerate what you create.
    /// </summary>
    public static IAsyncEnumerable<GpuFrame> Repeat(GpuFrame picture, TimeSpan duration, Rational frameRate)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ValidateTiming(duration, frameRate);
        long count = FrameTiming.Rescale(duration.Ticks, new Rational(1, (int)TimeSpan.TicksPerSecond), frameRate.Invert());
        return RepeatCore(picture, count, frameRate.Invert());
    }

    /// <summary>The gradient colour at pixel (x, y); exposed to the tests through the public Gradient source only.</summary>
    internal static Func<int, int, RgbaColor> GradientFunction(int width, int height, RgbaColor from, RgbaColor to, double angleDegrees)
    {
        double radians = angleDegrees * Math.PI / 180;
        double dx = Math.Cos(radians), dy = Math.Sin(radians);
        // Project the four corners' centres on the direction to find the span the gradient covers.
        double[] corners = [0.5 * dx + 0.5 * dy, (width - 0.5) * dx + 0.5 * dy, 0.5 * dx + (height - 0.5) * dy, (width - 0.5) * dx + (height - 0.5) * dy];
        double min = corners.Min(), span = corners.Max() - min;
        var lerp = Animation.Interpolators.Default<RgbaColor>();
        return (x, y) =>
        {
            double t = span <= 0 ? 0 : (((x + 0.5) * dx + (y + 0.5) * dy) - min) / span;
            return lerp.Interpolate(from, to, t);
        };
    }

    private static GpuFrame Draw(int width, int height, PixelFormat format, Func<int, int, RgbaColor> pixel)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Frame size {width}x{height} must be positive.");
        if (Array.IndexOf(RgbaPainter.Supported, format) < 0)
            throw new ArgumentException($"Sources generate {string.Join(", ", RgbaPainter.Supported)}; {format} is not one of them.", nameof(format));
        using var pool = new FramePool(format, width, height);
        GpuFrame frame = pool.Rent();
        try
        {
            RgbaPainter.Paint(frame, pixel);
            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<GpuFrame> RepeatCore(GpuFrame picture, long count, Rational timeBase,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (long i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GpuFrame frame = picture.Share();
                frame.Pts = i;
                frame.TimeBase = timeBase;
                frame.Index = i;
                frame.Duration = 1;
                yield return frame;
            }
            await Task.CompletedTask.ConfigureAwait(false);
        }
        finally
        {
            picture.Dispose();
        }
    }

    private static void ValidateTiming(TimeSpan duration, Rational frameRate)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "Duration cannot be negative.");
        if (frameRate.Num <= 0 || frameRate.Den <= 0)
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "A frame rate must be a positive fraction such as 25/1 or 30000/1001.");
    }
}
