namespace Ovni;

/// <summary>
/// Where frames live and kernels run. The CPU device always exists; a CUDA device exists when an
/// NVIDIA driver does. Frames remember their device so an operation can refuse a frame from another one.
/// </summary>
public abstract class ComputeDevice
{
    /// <summary>CPU or CUDA.</summary>
    public abstract DeviceKind Kind { get; }

    /// <summary>A human-readable name, e.g. "CPU (2 cores, AVX-512)".</summary>
    public abstract string Name { get; }

    /// <summary>The CPU device.</summary>
    public static ComputeDevice Cpu => CpuDevice.Instance;

    /// <inheritdoc />
    public override string ToString() => Name;
}
