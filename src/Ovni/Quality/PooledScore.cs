namespace Ovni.Quality;

/// <summary>A metric pooled over all scored frames (libvmaf's pooled_metrics plus low percentiles).</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="HarmonicMean">libvmaf's harmonic mean, <c>N / sum(1/(s+1)) - 1</c>.</param>
/// <param name="Min">Minimum.</param>
/// <param name="Max">Maximum.</param>
/// <param name="Percentile1">1st percentile (linear interpolation between ranks).</param>
/// <param name="Percentile5">5th percentile (linear interpolation between ranks).</param>
public readonly record struct PooledScore(double Mean, double HarmonicMean, double Min, double Max, double Percentile1, double Percentile5)
{
    /// <summary>Pools the values; NaN everywhere when there are none.</summary>
    public static PooledScore From(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return new PooledScore(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double sum = 0, inverse = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            sum += v;
            inverse += 1.0 / (v + 1.0);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return new PooledScore(sum / values.Length, values.Length / inverse - 1.0, min, max,
            Percentile(sorted, 1), Percentile(sorted, 5));
    }

    private static double Percentile(double[] sorted, double p)
    {
        double rank = p / 100.0 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
