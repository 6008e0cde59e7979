namespace Ovni;

/// <summary>
/// Timestamp arithmetic shared by the media layer (copied streams laid along the video) and the sequence ops: exact conversions between a frame's pts and
/// TimeSpan ticks (Int128, no floating point, so trims are frame-exact) and the duration a frame covers.
/// </summary>
internal static class FrameTiming
{
    /// <summary>AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX: the rounding ffmpeg's fps filter uses by default.</summary>
    internal const int RoundNearPassMinMax = 5 | 8192;

    /// <summary>Start of <paramref name="pts"/> in TimeSpan ticks, rounded down.</summary>
    internal static long ToTicks(long pts, Rational timeBase) =>
        (long)((Int128)pts * timeBase.Num * TimeSpan.TicksPerSecond / timeBase.Den);

    /// <summary>Rescales <paramref name="value"/> between time bases, rounding to nearest (halves away from zero).</summary>
    internal static long Rescale(long value, Rational from, Rational to)
    {
        if (from == to) return value;
        Int128 numerator = (Int128)value * from.Num * to.Den;
        Int128 denominator = (Int128)from.Den * to.Num;
        Int128 quotient = Int128.DivRem(numerator, denominator).Quotient;
        Int128 remainder = numerator - quotient * denominator;
        if (Int128.Abs(remainder) * 2 >= Int128.Abs(denominator))
            quotient += (numerator < 0) != (denominator < 0) ? -1 : 1;
        return (long)quotient;
    }

    /// <summary>
    /// How long the last frame of a stream shows: its declared duration, else the gap to the frame before,
    /// else one tick of the time base.
    /// </summary>
    internal static long LastFrameDuration(GpuFrame last, long previousPts, bool hasPrevious)
    {
        long declared = last.Duration;
        if (declared > 0) return declared;
        if (hasPrevious && last.Pts > previousPts) return last.Pts - previousPts;
        return 1;
    }
}
