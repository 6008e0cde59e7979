namespace Ovni;

/// <summary>Which compute device runs frame work.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when an NVIDIA driver is present, otherwise the CPU.</summary>
    Auto,
    /// <summary>The CPU backend: FFmpeg software codecs and SIMD kernels.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU through the CUDA driver API; fails clearly when there is none.</summary>
    Cuda,
}
