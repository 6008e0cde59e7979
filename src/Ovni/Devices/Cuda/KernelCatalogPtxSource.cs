// Why: the seam between Ovni.Kernels (embedded PTX, KernelCatalog) and the CUDA launcher, which only knows
// ICudaPtxSource and CudaKernelSignature. Each module's image is read from the resources once per process.
using System.Collections.Concurrent;
using Ovni.Kernels;

namespace Ovni.Devices.Cuda;

/// <summary>Supplies the PTX modules embedded in Ovni.Kernels to a <see cref="CudaKernelLauncher"/>.</summary>
internal sealed class KernelCatalogPtxSource : ICudaPtxSource
{
    private readonly ConcurrentDictionary<string, byte[]> _images = new(StringComparer.Ordinal);

    private KernelCatalogPtxSource()
    {
    }

    /// <summary>The one instance (the embedded modules never change at run time).</summary>
    public static KernelCatalogPtxSource Instance { get; } = new();

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetPtx(string moduleName)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        try
        {
            return _images.GetOrAdd(moduleName, static name => PtxModules.Load(name));
        }
        catch (ArgumentException e)
        {
            throw new OvniException($"No embedded PTX module '{moduleName}' in Ovni.Kernels.", e);
        }
    }
}
