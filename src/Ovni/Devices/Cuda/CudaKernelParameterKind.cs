// The kinds of kernel parameters Ovni's PTX kernels take, so a launch can be checked against the kernel's
// declared signature before any pointer reaches the driver.
namespace Ovni.Devices.Cuda;

/// <summary>One declared parameter of a kernel.</summary>
internal enum CudaKernelParameterKind
{
    /// <summary>A frame plane: its device address (u64) followed by its pitch in bytes (s32) — two PTX parameters.</summary>
    Plane,
    /// <summary>A 32-bit signed integer.</summary>
    Int32,
    /// <summary>A 32-bit float.</summary>
    Float32,
    /// <summary>The address (u64) of a device buffer that is not a frame plane, e.g. a weight table.</summary>
    DevicePointer,
}
