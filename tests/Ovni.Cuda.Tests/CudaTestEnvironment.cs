// Points Ovni's CUDA bindings at the libcuda emulator built in native/build/lib before anything loads
// a driver, and gives the emulator its configuration through the native environment (it reads getenv,
// which Environment.SetEnvironmentVariable does not change on Unix).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

internal static unsafe partial class CudaTestEnvironment
{
    /// <summary>Emulated device memory in MiB; VRAM monitor tests reason in fractions of it.</summary>
    public const long EmulatedVramMegabytes = 1024;

    private static string? s_problem;

    [ModuleInitializer]
    internal static void Initialize()
    {
        string? root = FindRepositoryRoot();
        NativeDirectory = Environment.GetEnvironmentVariable("OVNI_NATIVE_DIR") is { Length: > 0 } configured
            ? configured
            : root is null ? string.Empty : Path.Combine(root, "native", "build", "lib");
        EmulatorPath = Path.Combine(NativeDirectory, "libcuda.so.1");
        TestKernelsPath = Path.Combine(NativeDirectory, "libovni_cuda_emu_test_kernels.so");
        if (!OperatingSystem.IsLinux())
        {
            s_problem = "the libcuda emulator is built for Linux only";
            return;
        }
        if (!File.Exists(EmulatorPath) || !File.Exists(TestKernelsPath))
        {
            s_problem = $"native libraries missing in '{NativeDirectory}': run " +
                "`cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release && cmake --build native/build -j2` first";
            return;
        }
        Environment.SetEnvironmentVariable(CudaLibrary.PathVariable, EmulatorPath);
        SetNativeEnvironment("OVNI_CUDA_EMU_KERNELS", TestKernelsPath);
        SetNativeEnvironment("OVNI_CUDA_EMU_VRAM_MB", EmulatedVramMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        CudaLibrary.EnsureResolverRegistered();
    }

    public static string NativeDirectory { get; private set; } = string.Empty;

    public static string EmulatorPath { get; private set; } = string.Empty;

    public static string TestKernelsPath { get; private set; } = string.Empty;

    /// <summary>Fails the test (not skips: CI always builds the native parts) when the emulator is missing.</summary>
    public static void RequireEmulator()
    {
        if (s_problem is not null)
        {
            Assert.Fail(s_problem);
        }
        Assert.True(Devices.Cuda.CudaDriver.TryInitialize(out string reason), "CUDA emulator did not initialise: " + reason);
        Assert.True(Devices.Cuda.CudaDriver.IsEmulator, "the loaded libcuda.so.1 is not the emulator");
    }

    public static long LiveAllocations() => Counter("ovni_emu_live_allocations");

    public static long LiveBytes() => Counter("ovni_emu_live_bytes");

    public static long KernelLaunches() => Counter("ovni_emu_kernel_launches");

    private static long Counter(string export)
    {
        var function = (delegate* unmanaged<long>)NativeLibrary.GetExport(CudaLibrary.TryLoad(), export);
        return function();
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ovni.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    public static void SetNativeEnvironment(string name, string value)
    {
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        byte[] valueBytes = System.Text.Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* namePointer = nameBytes)
        fixed (byte* valuePointer = valueBytes)
        {
            if (setenv(namePointer, valuePointer, 1) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv")]
    private static partial int setenv(byte* name, byte* value, int overwrite);
}
