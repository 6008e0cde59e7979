// Why: an operation's CUDA launcher needs three things of its device: a checked call of a catalog kernel, a launch
// over a width x height grid, and resident weight tables. One object per device gives exactly those, keeps the PTX
// modules it loaded (JIT once per context, not per frame) and the tables, and releases both with the device.
using Ovni.Kernels;

namespace Ovni.Devices.Cuda;

/// <summary>Ovni.Kernels' catalog on one <see cref="CudaDevice"/>: calls, launches and device tables.</summary>
internal sealed class CudaKernels : IDisposable
{
    private static readonly CudaDim3 s_block = new(32, 8);
    private readonly DeviceTableCache _tables;

    internal CudaKernels(CudaDevice device)
    {
        Device = device;
        Launcher = new CudaKernelLauncher(device, KernelCatalogPtxSource.Instance);
        _tables = new DeviceTableCache(device);
    }

    /// <summary>The device the kernels run on.</summary>
    public CudaDevice Device { get; }

    /// <summary>The launcher of the catalog's modules on <see cref="Device"/>.</summary>
    public CudaKernelLauncher Launcher { get; }

    /// <summary>Empty checked arguments for <paramref name="kernel"/>.</summary>
    public CudaKernelCall Call(KernelSignature kernel) => Launcher.CreateCall(KernelCatalogSignatures.For(kernel));

    /// <summary>Queues a call whose threads span <paramref name="width"/> x <paramref name="height"/> (32 x 8 blocks); nothing when empty.</summary>
    public void Launch(ref CudaKernelCall call, int width, int height)
    {
        if (width <= 0 || height <= 0) return;
        Launcher.Launch(ref call, CudaDim3.GridFor(width, height, s_block), s_block);
    }

    /// <summary>Queues a call with an explicit grid and block.</summary>
    public void Launch(ref CudaKernelCall call, CudaDim3 grid, CudaDim3 block) => Launcher.Launch(ref call, grid, block);

    /// <summary>The device copy of the int table <paramref name="create"/> builds for (<paramref name="kind"/>, <paramref name="key"/>), uploaded once.</summary>
    public CudaDeviceBuffer Table(string kind, long key, Func<int[]> create) => _tables.Get(kind, key, create);

    /// <summary>Frees the tables and unloads the modules.</summary>
    public void Dispose()
    {
        _tables.Dispose();
        Launcher.Dispose();
    }
}
