// Why: loading a PTX module is slow (JIT) and must happen once per CUDA context, not per frame. One launcher per
// device keeps the loaded modules, and a per-device table cache keeps weight tables (blur taps, Lanczos) resident.
using System.Runtime.CompilerServices;

namespace Ovni.Devices.Cuda;

/// <summary>The per-device launcher of Ovni's catalog kernels, with its modules loaded on first use.</summary>
public static class KernelCatalogLaunchers
{
    private static readonly ConditionalWeakTable<CudaDevice, CudaKernelLauncher> s_launchers = new();
    private static readonly ConditionalWeakTable<CudaDevice, DeviceTableCache> s_tables = new();

    /// <summary>The launcher for <paramref name="device"/> (created once, kept as long as the device lives).</summary>
    public static CudaKernelLauncher For(CudaDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return s_launchers.GetValue(device, static d => new CudaKernelLauncher(d, KernelCatalogPtxSource.Instance));
    }

    /// <summary>The table cache of <paramref name="device"/>.</summary>
    internal static DeviceTableCache TablesFor(CudaDevice device) =>
        s_tables.GetValue(device, static d => new DeviceTableCache(d));
}
