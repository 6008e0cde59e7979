// What a launcher needs to know about one PTX kernel: which embedded module holds it, its entry name and
// its parameters in order. Ovni.Kernels' catalog maps onto this at the seam (the lead wires it in).
namespace Ovni.Devices.Cuda;

/// <summary>A kernel entry of a PTX module and its parameter kinds, in declaration order.</summary>
/// <param name="ModuleName">Name of the PTX module (as <see cref="ICudaPtxSource"/> knows it).</param>
/// <param name="EntryName">The <c>.entry</c> name in the PTX.</param>
/// <param name="Parameters">Declared parameters; a <see cref="CudaKernelParameterKind.Plane"/> covers pointer and pitch.</param>
internal sealed record CudaKernelSignature(string ModuleName, string EntryName, IReadOnlyList<CudaKernelParameterKind> Parameters)
{
    /// <inheritdoc />
    public override string ToString() => $"{ModuleName}/{EntryName}({string.Join(", ", Parameters)})";
}
