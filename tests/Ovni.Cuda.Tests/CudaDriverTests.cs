// Loading and initialising the driver, and what happens without one.
using System.Reflection;
using System.Runtime.InteropServices;
using Ovni.Devices.Cuda;
using Ovni.Interop.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class CudaDriverTests
{
    [Fact]
    public void Initialises_on_the_emulator_and_reports_its_device()
    {
        CudaTestEnvironment.RequireEmulator();

        Assert.Equal(1, CudaDriver.DeviceCount);
        Assert.True(CudaDriver.DriverVersion >= 11000);
        CudaDeviceInfo device = CudaDriver.GetDevice(0);
        Assert.Contains("emulator", device.Name, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CudaTestEnvironment.EmulatedVramMegabytes * 1024 * 1024, device.TotalMemoryBytes);
        Assert.True(device.ComputeCapability >= new Version(5, 2));
        Assert.True(device.MultiprocessorCount >= 1);
    }

    [Fact]
    public void Asking_for_a_device_that_does_not_exist_throws_a_CudaException_with_the_driver_text()
    {
        CudaTestEnvironment.RequireEmulator();

        CudaException error = Assert.Throws<CudaException>(() => CudaDriver.GetDevice(5));

        Assert.Equal(CudaResult.InvalidDevice, error.Result);
        Assert.Equal("CUDA_ERROR_INVALID_DEVICE", error.ErrorName);
        Assert.Contains("cuDeviceGet", error.Call);
        Assert.Contains("invalid device ordinal", error.Message);
    }

    [Fact]
    public void A_missing_library_means_no_CUDA_with_a_reason_not_an_exception()
    {
        string path = Path.Combine(Path.GetTempPath(), "ovni-no-such-dir", "libcuda.so.1");

        bool available = CudaDriver.TryInitializeFrom(path, out string reason);

        Assert.False(available);
        Assert.Contains(path, reason);
        Assert.Contains("not found", reason);
    }

    [Fact]
    public void A_library_without_the_driver_entry_points_means_no_CUDA_with_a_reason()
    {
        CudaTestEnvironment.RequireEmulator();

        bool available = CudaDriver.TryInitializeFrom(CudaTestEnvironment.TestKernelsPath, out string reason);

        Assert.False(available);
        Assert.Contains("lacks the driver entry point cuInit", reason);
    }

    [Fact]
    public void A_failing_cuInit_means_no_CUDA_with_the_driver_error_in_the_reason()
    {
        CudaTestEnvironment.RequireEmulator();
        CudaTestEnvironment.SetNativeEnvironment("OVNI_CUDA_EMU_FAIL_INIT", "1");
        bool available;
        string reason;
        try
        {
            available = CudaDriver.TryInitializeFrom(CudaTestEnvironment.EmulatorPath, out reason);
        }
        finally
        {
            CudaTestEnvironment.SetNativeEnvironment("OVNI_CUDA_EMU_FAIL_INIT", "0");
        }

        Assert.False(available);
        Assert.Contains("cuInit failed", reason);
        Assert.Contains("no CUDA-capable device", reason);
        Assert.True(CudaDriver.TryInitializeFrom(CudaTestEnvironment.EmulatorPath, out _));
    }

    [Fact]
    public void The_environment_variable_is_probed_before_the_system_driver_and_libcuda_so_never()
    {
        IReadOnlyList<string> candidates = CudaLibrary.Candidates();

        Assert.Equal(CudaTestEnvironment.EmulatorPath, candidates[0]);
        Assert.Equal("libcuda.so.1", candidates[^1]);
        Assert.DoesNotContain("libcuda.so", candidates);
    }

    [Fact]
    public void Loading_the_emulator_by_path_makes_dlopen_of_the_soname_find_it_as_FFmpeg_does()
    {
        CudaTestEnvironment.RequireEmulator();

        Assert.True(NativeLibrary.TryLoad("libcuda.so.1", out nint bySoname));

        Assert.Equal(CudaLibrary.TryLoad(), bySoname);
        Assert.True(NativeLibrary.TryGetExport(bySoname, "ovni_emu_live_allocations", out _));
        NativeLibrary.Free(bySoname);
    }

    [Fact]
    public void Every_bound_entry_point_is_in_the_list_checked_at_initialisation()
    {
        string[] bound = typeof(CudaApi)
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(method => method.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .Select(method => method.GetCustomAttribute<LibraryImportAttribute>()!.EntryPoint ?? method.Name)
            .Order()
            .ToArray();

        Assert.NotEmpty(bound);
        Assert.Equal(bound, CudaApi.EntryPoints.Order().ToArray());
    }
}
