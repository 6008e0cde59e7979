// Why: one place that says how to call each PTX entry, so launchers never hard-code names or layouts.
namespace Ovni.Kernels;

/// <summary>
/// How to launch one kernel: its PTX entry, the embedded module that holds it, its parameters in order,
/// and what one CUDA thread computes (which decides the grid).
/// </summary>
/// <param name="EntryName">The <c>.entry</c> name in the PTX (plain C name, e.g. <c>ovni_nv12_to_rgba</c>).</param>
/// <param name="ModuleName">The PTX module (file name without extension) for <see cref="PtxModules.Load"/>.</param>
/// <param name="Parameters">Parameter names and kinds, in declaration order.</param>
/// <param name="ThreadMapping">What one thread covers; the grid must span the range it names.</param>
internal sealed record KernelSignature(
    string EntryName,
    string ModuleName,
    IReadOnlyList<KernelParameter> Parameters,
    string ThreadMapping);
