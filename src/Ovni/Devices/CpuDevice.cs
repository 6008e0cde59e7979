using System.Runtime.Intrinsics;

namespace Ovni;

/// <summary>The CPU backend: frames in host memory, kernels as SIMD loops.</summary>
internal sealed class CpuDevice : ComputeDevice
{
    internal static readonly CpuDevice Instance = new();

    private CpuDevice() { }

    /// <inheritdoc />
    public override DeviceKind Kind => DeviceKind.Cpu;

    /// <inheritdoc />
    internal override GpuFrame RentFrame(PixelFormat format, int width, int height, OvniConfiguration configuration) =>
        FramePools.Of(configuration).Rent(format, width, height);

    /// <inheritdoc />
    internal override GpuFrame CopyFrom(GpuFrame frame) => frame.Download();

    /// <inheritdoc />
    internal override GpuFrame CopyToHost(GpuFrame frame) => frame.Share();

    /// <inheritdoc />
    public override string Name
    {
        get
        {
            string simd = Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "AVX2" : Vector128.IsHardwareAccelerated ? "SSE/NEON" : "scalar";
            return $"CPU ({Environment.ProcessorCount} cores, {simd})";
        }
    }
}
