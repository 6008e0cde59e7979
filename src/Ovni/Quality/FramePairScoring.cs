// Why: a frame pair is scored where its frames live: host frames by the scorer's CPU worker threads, frames on a CUDA
// device by the VMAF feature kernels on that device. The frames' device picks the half (ComputeDevice.Run).
using Ovni.Devices.Cuda;

namespace Ovni.Quality;

/// <summary>One frame pair handed to a <see cref="QualityScorer"/> on the frames' device.</summary>
internal readonly struct FramePairScoring(QualityScorer scorer, GpuFrame reference, GpuFrame distorted) : IDeviceWork
{
    /// <inheritdoc />
    public void RunOnCpu() => scorer.AddHostFrames(reference, distorted);

    /// <inheritdoc />
    public void RunOnCuda(CudaKernels kernels) => scorer.AddDeviceFrames(reference, distorted, kernels.Device);
}
