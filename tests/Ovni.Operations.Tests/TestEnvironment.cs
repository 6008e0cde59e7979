// Points Ovni's CUDA bindings at the libcuda emulator (native/build/lib) running the real host-compiled kernels
// (libovni_kernels_host.so), before anything loads a driver.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Ovni.Interop.Cuda;

namespace Ovni.Operations.Tests;

internal static unsafe partial class TestEnvironment
{
    private static string? s_problem;

    [ModuleInitializer]
    internal static void Initialize()
    {
        string native = Environment.GetEnvironmentVariable("OVNI_NATIVE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestMedia.RepositoryRoot, "native", "build", "lib");
        string emulator = Path.Combine(native, "libcuda.so.1");
        string kernels = Path.Combine(native, "libovni_kernels_host.so");
        if (!OperatingSystem.IsLinux())
        {
            s_problem = "the libcuda emulator is built for Linux only";
            return;
        }
        if (!File.Exists(emulator) || !File.Exists(kernels))
        {
            s_problem = $"native libraries missing in '{native}': run scripts/build-native.sh first";
            return;
        }
        Environment.SetEnvironmentVariable(CudaLibrary.PathVariable, emulator);
        SetNativeEnvironment("OVNI_CUDA_EMU_KERNELS", kernels);
        SetNativeEnvironment("OVNI_CUDA_EMU_VRAM_MB", "2048");
        CudaLibrary.EnsureResolverRegistered();
    }

    /// <summary>Fails (not skips: CI always builds the native parts) when the emulator is missing.</summary>
    public static void RequireEmulator()
    {
        if (s_problem is not null) Assert.Fail(s_problem);
        Assert.True(Devices.Cuda.CudaDriver.TryInitialize(out string reason), "CUDA emulator did not initialise: " + reason);
        Assert.True(Devices.Cuda.CudaDriver.IsEmulator, "the loaded libcuda.so.1 is not the emulator");
    }

    public static long LiveAllocations() => Counter("ovni_emu_live_allocations");

    public static long KernelLaunches() => Counter("ovni_emu_kernel_launches");

    private static long Counter(string export)
    {
        var function = (delegate* unmanaged<long>)NativeLibrary.GetExport(CudaLibrary.TryLoad(), export);
        return function();
    }

    /// <summary>The first <paramref name="count"/> frames of a file converted to <paramref name="format"/>.</summary>
    public static List<GpuFrame> Decode(string path, int count, PixelFormat format)
    {
        var frames = new List<GpuFrame>();
        using MediaReader reader = MediaReader.Open(path);
        using var converter = new FrameConverter(format);
        while (frames.Count < count && reader.ReadFrame() is GpuFrame frame)
        {
            using (frame) frames.Add(converter.Convert(frame));
        }
        return frames;
    }

    private static void SetNativeEnvironment(string name, string value)
    {
        byte[] n = Encoding.UTF8.GetBytes(name + "\0"), v = Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* np = n)
        fixed (byte* vp = v)
        {
            if (setenv(np, vp, 1) != 0) throw new InvalidOperationException($"setenv({name}) failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv")]
    private static partial int setenv(byte* name, byte* value, int overwrite);
}
