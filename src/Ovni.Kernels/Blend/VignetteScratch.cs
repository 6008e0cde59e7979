namespace Ovni.Kernels;

/// <summary>Per-thread row of vignette factors, grown to the widest plane seen, so vignetting allocates nothing per frame.</summary>
internal static class VignetteScratch
{
    [ThreadStatic]
    private static int[]? t_row;

    public static int[] Row(int width)
    {
        int[]? row = t_row;
        if (row is null || row.Length < width) t_row = row = new int[Math.Max(width, 64)];
        return row;
    }
}
