using Microsoft.Extensions.Logging;
using Ovni.Devices.Cuda;

namespace Ovni;

/// <summary>
/// Where frames live and kernels run. The CPU device always exists; a CUDA device exists when an
/// NVIDIA driver does. Frames remember their device so an operation can refuse a frame from another one.
/// </summary>
public abstract class ComputeDevice
{
    /// <summary>Reports whether CUDA can be used, and why not; replaced by tests to simulate a missing driver.</summary>
    internal delegate bool CudaProbe(out string reason);

    /// <summary>CPU or CUDA.</summary>
    public abstract DeviceKind Kind { get; }

    /// <summary>A human-readable name, e.g. "CPU (2 cores, AVX-512)".</summary>
    public abstract string Name { get; }

    /// <summary>The CPU device.</summary>
    public static ComputeDevice Cpu => CpuDevice.Instance;

    /// <summary>
    /// Free memory of the device in bytes, as its driver reports it now; null for the CPU, whose frames live in the
    /// process's memory. Long-running jobs read it to wait rather than fail when another program holds the GPU's memory.
    /// </summary>
    public virtual long? FreeMemoryBytes => null;

    /// <summary>
    /// The SIMD instructions the CPU operations and VMAF extractors use in this process: "AVX-512 (VBMI)", "AVX-512",
    /// "AVX2", "128-bit (SSE4.2)", "128-bit (NEON)", … — the widest the CPU has, unless the runtime was told to use fewer
    /// (<c>DOTNET_EnableAVX512=0</c>; with <c>DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0</c> as well, the 128-bit tier).
    /// Speed figures differ several-fold between tiers, so reports should name it.
    /// </summary>
    public static string CpuSimdTier => Kernels.SimdTier.Current;

    /// <summary>The device <paramref name="configuration"/> asks for (<see cref="OvniConfiguration.Device"/>, <see cref="OvniConfiguration.DeviceIndex"/>).</summary>
    /// <exception cref="OvniException">CUDA was asked for explicitly and is unavailable, or the index does not exist.</exception>
    public static ComputeDevice Select(OvniConfiguration? configuration = null)
    {
        configuration ??= OvniConfiguration.Default;
        return Resolve(configuration.Device, configuration.DeviceIndex, configuration.Logger, CudaDriver.TryInitialize);
    }

    /// <summary>
    /// The device of <paramref name="kind"/>: <see cref="DeviceKind.Auto"/> gives CUDA device <paramref name="index"/>
    /// when a driver is present and the CPU otherwise (logging why); <see cref="DeviceKind.Cuda"/> throws when there is none.
    /// CUDA devices returned here are shared process-wide and need not be disposed.
    /// </summary>
    /// <exception cref="OvniException">CUDA was asked for explicitly and is unavailable, or the index does not exist.</exception>
    public static ComputeDevice Get(DeviceKind kind, int index = 0) =>
        Resolve(kind, index, OvniConfiguration.Default.Logger, CudaDriver.TryInitialize);

    internal static ComputeDevice Resolve(DeviceKind kind, int index, ILogger logger, CudaProbe probe)
    {
        switch (kind)
        {
            case DeviceKind.Cpu:
                return Cpu;
            case DeviceKind.Cuda:
                if (!probe(out string reason))
                    throw new OvniException($"DeviceKind.Cuda was requested but CUDA is not available: {reason}.");
                return CudaDevice.Shared(index);
            case DeviceKind.Auto:
                if (!probe(out string why))
                {
                    logger.LogInformation("Using the CPU device: CUDA is not available ({Reason})", why);
                    return Cpu;
                }
                try
                {
                    return CudaDevice.Shared(index);
                }
                catch (OvniException e)
                {
                    logger.LogInformation("Using the CPU device: CUDA device {Index} could not be opened ({Reason})", index, e.Message);
                    return Cpu;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind.");
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in its form for this device: the CUDA launcher on a CUDA device, the CPU worker
    /// otherwise. This is the one place an operation's device is decided (a struct: dispatching allocates nothing).
    /// </summary>
    internal void Run<TWork>(ref TWork work) where TWork : struct, IDeviceWork
    {
        if (this is CudaDevice cuda) work.RunOnCuda(cuda.Kernels);
        else work.RunOnCpu();
    }

    /// <summary>A pooled frame in this device's memory with uninitialised pixels (host frames from <paramref name="configuration"/>'s pools).</summary>
    internal abstract GpuFrame RentFrame(PixelFormat format, int width, int height, OvniConfiguration configuration);

    /// <summary>
    /// Prepares an unopened decoder to deliver frames in this device's memory where it can (NVDEC on a CUDA device);
    /// true when it was set up for that, false when it decodes to host memory.
    /// </summary>
    internal virtual unsafe bool AttachDecoder(void* codecContext) => false;

    /// <summary>A copy of <paramref name="frame"/> (from another device) in this device's memory.</summary>
    internal abstract GpuFrame CopyFrom(GpuFrame frame);

    /// <summary>A host copy of <paramref name="frame"/>, which lives on this device.</summary>
    internal abstract GpuFrame CopyToHost(GpuFrame frame);

    /// <inheritdoc />
    public override string ToString() => Name;
}
