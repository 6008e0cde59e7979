// Why: parameter names make the catalog readable and let launchers assert they pass arguments in order.
namespace Ovni.Kernels;

/// <summary>One kernel parameter: its name in the .cu source and its C type.</summary>
/// <param name="Name">The parameter's name in the CUDA C source.</param>
/// <param name="Kind">Its type, which fixes its size in the launch argument array.</param>
internal readonly record struct KernelParameter(string Name, KernelParameterKind Kind);
