// NVENC lives in the driver's libnvidia-encode; FFmpeg loads it only when an NVENC encoder opens and then
// reports a bare "Unknown error". Checking first gives the user the library's name and what provides it.
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;

namespace Ovni;

/// <summary>Availability of the NVENC runtime library.</summary>
internal static class NvencLibrary
{
    /// <summary>The library FFmpeg's NVENC wrapper loads.</summary>
    public static string Name => OperatingSystem.IsWindows() ? "nvEncodeAPI64.dll" : "libnvidia-encode.so.1";

    public static bool IsNvencEncoder(string encoder) => encoder.EndsWith("_nvenc", StringComparison.Ordinal);

    /// <summary>Throws an <see cref="OvniException"/> naming what is missing when NVENC cannot run here.</summary>
    public static void EnsureAvailable(string encoder, string outputPath)
    {
        if (!NativeLibrary.TryLoad(Name, out nint handle))
        {
            throw new OvniException($"Encoder {encoder} needs NVENC, but {Name} (the NVIDIA driver's video encode library) could not be loaded " +
                $"(writing '{outputPath}'). Install the NVIDIA driver with its encode library (in containers: NVIDIA_DRIVER_CAPABILITIES=video), " +
                "or use a software encoder such as libx264.") { FilePath = outputPath };
        }
        NativeLibrary.Free(handle);
        if (!CudaDriver.TryInitialize(out string reason))
            throw new OvniException($"Encoder {encoder} needs the CUDA driver, which is not available: {reason} (writing '{outputPath}').") { FilePath = outputPath };
    }
}
