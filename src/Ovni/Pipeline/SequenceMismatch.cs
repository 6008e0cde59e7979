// Why: sequence operations (CrossFadeInto, Concat) join clips that users often take from different sources. When the
// clips cannot be joined as they are, the message must name both clips' properties and the operation that fixes it,
// and it must be built while the frames are still alive (it reads their properties), before anything is disposed.
namespace Ovni;

/// <summary>Checks two clips for a join and words the refusal.</summary>
internal static class SequenceMismatch
{
    /// <summary>Frame rates closer than this (relative) count as equal: 29.97 and 30 pair well by time.</summary>
    private const double RateTolerance = 0.01;

    /// <summary>What must match for frames to follow each other in one stream.</summary>
    internal readonly record struct Shape(int Width, int Height, PixelFormat Format, string FormatName, ComputeDevice Device)
    {
        internal static Shape Of(GpuFrame frame) => new(frame.Width, frame.Height, frame.Format, frame.FormatInfo.Name, frame.Device);

        public override string ToString() => $"{Width}x{Height} {FormatName} on {Device.Name}";
    }

    /// <summary>
    /// Null when frames shaped like <paramref name="next"/> can follow <paramref name="previous"/> (same size, pixel format
    /// and device); otherwise the message of the refusal, naming the fix.
    /// </summary>
    internal static string? Describe(string operation, Shape previous, Shape next, string previousName, string nextName)
    {
        bool size = previous.Width != next.Width || previous.Height != next.Height;
        bool format = previous.Format != next.Format;
        bool device = previous.Device != next.Device;
        if (!size && !format && !device) return null;

        var fixes = new List<string>();
        if (size) fixes.Add($"Fit({previous.Width}, {previous.Height}) or Scale({previous.Width}, {previous.Height}) brings the size");
        if (format)
            fixes.Add($"ConvertTo(PixelFormat.{previous.Format}) brings the pixel format");
        if (device) fixes.Add(next.Device.Kind == DeviceKind.Cpu ? $"Upload({previous.Device.Name}) moves the frames" : "Download() moves the frames to the CPU");
        return $"{operation}: {nextName} is {next} but {previousName} is {previous}; " +
            $"they must have the same size, pixel format and device. Prepare {nextName} first: {string.Join("; ", fixes)}.";
    }

    /// <summary>
    /// Null when the two frame spacings (seconds) are the same rate within 1 % plus <paramref name="tolerance"/> (the
    /// time bases' rounding); otherwise the message of the refusal, naming ChangeFrameRate with the first clip's rate.
    /// </summary>
    internal static string? DescribeRates(string operation, double firstSpacing, double secondSpacing, double tolerance,
        Rational firstTimeBase, long firstFrameDuration)
    {
        if (firstSpacing <= 0 || secondSpacing <= 0) return null;
        if (Math.Abs(firstSpacing - secondSpacing) <= RateTolerance * Math.Max(firstSpacing, secondSpacing) + tolerance) return null;
        Rational rate = NominalRate(1 / firstSpacing) ?? RateOf(firstTimeBase, firstFrameDuration);
        return $"{operation}: the clips have different frame rates (first {Fps(firstSpacing)} fps, second {Fps(secondSpacing)} fps). " +
            "Frames are paired by time and the result keeps the first clip's constant frame rate, so bring the second clip to it first: " +
            $"second.ChangeFrameRate(new Rational({rate.Num}, {rate.Den})).";
    }

    /// <summary>The frame rate whose frame lasts <paramref name="ticks"/> units of <paramref name="timeBase"/>, reduced.</summary>
    internal static Rational RateOf(Rational timeBase, long ticks)
    {
        long num = timeBase.Den, den = ticks * timeBase.Num;
        long gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(num, den);
        if (gcd > 1) { num /= gcd; den /= gcd; }
        return num <= int.MaxValue && den <= int.MaxValue ? new Rational((int)num, (int)den) : new Rational((int)Math.Round(1.0 / (ticks * timeBase.ToDouble()) * 1000), 1000);
    }

    private static string Fps(double spacing) =>
        NominalRate(1 / spacing) is { } nominal ? nominal.ToDouble().ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : (1 / spacing).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The usual rate (24, 25, 30000/1001, …) within 0.1 % of <paramref name="fps"/>, if there is one.</summary>
    private static Rational? NominalRate(double fps)
    {
        int whole = (int)Math.Round(fps);
        if (whole > 0 && Math.Abs(fps - whole) <= 0.001 * fps) return new Rational(whole, 1);
        int ntsc = (int)Math.Round(fps * 1.001);
        if (ntsc > 0 && Math.Abs(fps - ntsc / 1.001) <= 0.001 * fps) return new Rational(ntsc * 1000, 1001);
        return null;
    }

}
