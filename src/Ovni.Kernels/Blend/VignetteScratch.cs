namespace Ovni.Kernels;

/// <summary>Per-thread row of vignette factors, grown to the widest plane seen, so vignetting allocates nothing per frame.</summary>
internal static class VignetteScratch
{
    [ThreadStatic]
    private static short[]? t_row;

    /// <summary>At least <paramref name="length"/> factors (one per sample), valid until this thread's next call.</summary>
    public static short[] Row(int length)
    {
        short[]? row = t_row;
        if (row is null || row.Length < length) t_row = row = new short[Math.Max(length, 64)];
        return row;
    }
}
