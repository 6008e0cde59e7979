// Why: row-band parallelism without closures: the work is a struct, so running it on several threads boxes nothing.
namespace Ovni.Operations;

/// <summary>Work that can be split into independent bands of rows.</summary>
internal interface IRowBandBody
{
    /// <summary>Produces rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>).</summary>
    void Run(int rowStart, int rowEnd);
}
