// Why: every frame operation exists twice with the same pixels, as a C# SIMD worker for host frames and as a PTX
// launch for CUDA frames. An operation's definition implements both halves side by side; the device the frames live
// on picks the half (ComputeDevice.Run), so no operation ever asks which device it has.
using Ovni.Devices.Cuda;

namespace Ovni;

/// <summary>Work with a CPU worker and a CUDA launcher that produce identical pixels; run it with <see cref="ComputeDevice.Run{TWork}"/>.</summary>
internal interface IDeviceWork
{
    /// <summary>Does the work on host frames with the CPU twins of the kernels.</summary>
    void RunOnCpu();

    /// <summary>Queues the work on <paramref name="kernels"/>' device (frames already in its memory).</summary>
    void RunOnCuda(CudaKernels kernels);
}
