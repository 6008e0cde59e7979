// Why: the CPU twins of the heavier kernels (scale, blur) are row-independent; spreading a plane's rows over the
// cores divides their time per frame. Parallel.For would allocate its loop state and a closure on every call.
namespace Ovni.Operations;

/// <summary>Runs a row-band body on up to <see cref="Environment.ProcessorCount"/> threads (the caller included).</summary>
internal static class RowBands
{
    /// <summary>Splits <paramref name="rows"/> into bands of at least <paramref name="minRowsPerBand"/> rows and runs them.</summary>
    public static void Run<TBody>(int rows, int minRowsPerBand, in TBody body)
        where TBody : struct, IRowBandBody
    {
        int bands = Math.Min(Environment.ProcessorCount, rows / Math.Max(1, minRowsPerBand));
        if (bands <= 1)
        {
            body.Run(0, rows);
            return;
        }

        RowBandJob<TBody>.Run(rows, bands, body);
    }
}
