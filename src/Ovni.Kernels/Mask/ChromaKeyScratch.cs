namespace Ovni.Kernels;

/// <summary>Per-thread work rows of <see cref="YuvChromaKey"/>, grown to the largest frame seen so keying allocates nothing per frame.</summary>
internal sealed class ChromaKeyScratch
{
    [ThreadStatic]
    private static ChromaKeyScratch? t_scratch;

    private ChromaKeyScratch(int chromaSamples, int width)
    {
        Distances = new double[chromaSamples];
        Expanded = [new double[width + 2 + 8], new double[width + 2 + 8], new double[width + 2 + 8]];
        Diff = new double[width + 8];
    }

    /// <summary>One distance term per chroma sample.</summary>
    public double[] Distances { get; }

    /// <summary>Three neighbour rows of terms at luma resolution, padded by one column each side.</summary>
    public double[][] Expanded { get; }


    /// <summary>Mean distance per pixel of the current row.</summary>
    public double[] Diff { get; }

    public static ChromaKeyScratch For(int chromaSamples, int width)
    {
        ChromaKeyScratch? scratch = t_scratch;
        if (scratch is null || scratch.Distances.Length < chromaSamples || scratch.Diff.Length < width + 8)
            t_scratch = scratch = new ChromaKeyScratch(Math.Max(chromaSamples, scratch?.Distances.Length ?? 0), Math.Max(width, (scratch?.Diff.Length ?? 8) - 8));
        return scratch;
    }
}
