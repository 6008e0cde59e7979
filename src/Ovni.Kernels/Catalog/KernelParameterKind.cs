// Why: the CUDA launchers build cuLaunchKernel's argument array from these kinds; the PTX signature
// test maps each kind to the .param type clang emits, so a drifted launcher fails in CI.
namespace Ovni.Kernels;

/// <summary>The C type of one kernel parameter, in declaration order.</summary>
internal enum KernelParameterKind
{
    /// <summary>A device pointer (<c>CUdeviceptr</c>, 64-bit; <c>.param .u64</c> in PTX).</summary>
    DevicePtr,

    /// <summary>A signed 32-bit integer (<c>int</c>; <c>.param .u32</c> in PTX).</summary>
    Int32,

    /// <summary>An unsigned 32-bit integer (<c>unsigned</c>; <c>.param .u32</c> in PTX).</summary>
    UInt32,

    /// <summary>A 32-bit float (<c>.param .f32</c> in PTX).</summary>
    Float32,

    /// <summary>A signed 64-bit integer (<c>long long</c>; <c>.param .u64</c> in PTX).</summary>
    Int64,
}
