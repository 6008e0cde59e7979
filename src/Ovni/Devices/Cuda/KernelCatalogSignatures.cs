// Why: KernelCatalog lists a pointer and its pitch as two parameters; the launcher checks a frame plane as one
// (address + pitch). This maps one onto the other once per kernel, so launches never re-derive it.
using System.Collections.Concurrent;
using Ovni.Kernels;

namespace Ovni.Devices.Cuda;

/// <summary>Turns <see cref="KernelSignature"/>s of the catalog into launcher <see cref="CudaKernelSignature"/>s.</summary>
internal static class KernelCatalogSignatures
{
    private static readonly ConcurrentDictionary<KernelSignature, CudaKernelSignature> s_cache = new();

    /// <summary>
    /// The launcher signature of <paramref name="kernel"/>: a device pointer followed by an int whose name starts with
    /// "pitch" becomes one <see cref="CudaKernelParameterKind.Plane"/>; any other pointer is a
    /// <see cref="CudaKernelParameterKind.DevicePointer"/> (a table).
    /// </summary>
    public static CudaKernelSignature For(KernelSignature kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return s_cache.GetOrAdd(kernel, static k => Convert(k));
    }

    private static CudaKernelSignature Convert(KernelSignature kernel)
    {
        var kinds = new List<CudaKernelParameterKind>(kernel.Parameters.Count);
        for (int i = 0; i < kernel.Parameters.Count; i++)
        {
            KernelParameter parameter = kernel.Parameters[i];
            switch (parameter.Kind)
            {
                case KernelParameterKind.DevicePtr:
                    bool pitched = i + 1 < kernel.Parameters.Count
                        && kernel.Parameters[i + 1].Kind == KernelParameterKind.Int32
                        && kernel.Parameters[i + 1].Name.StartsWith("pitch", StringComparison.Ordinal);
                    kinds.Add(pitched ? CudaKernelParameterKind.Plane : CudaKernelParameterKind.DevicePointer);
                    if (pitched) i++;
                    break;
                case KernelParameterKind.Int32:
                    kinds.Add(CudaKernelParameterKind.Int32);
                    break;
                case KernelParameterKind.Float32:
                    kinds.Add(CudaKernelParameterKind.Float32);
                    break;
                default:
                    throw new OvniException($"Kernel {kernel.EntryName}: parameter '{parameter.Name}' of kind {parameter.Kind} has no launcher mapping.");
            }
        }
        return new CudaKernelSignature(kernel.ModuleName, kernel.EntryName, kinds);
    }
}
