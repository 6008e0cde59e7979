// Entry point to CUDA: decides once whether a usable driver and device exist. A missing library, a
// driver lacking an entry point Ovni binds, or a failing cuInit all mean "no CUDA" with a reason,
// never an exception or a crash, so callers fall back to the CPU device.
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>Availability and properties of the CUDA driver and its devices.</summary>
internal static unsafe class CudaDriver
{
    private static readonly Lock s_lock = new();
    private static (bool Available, string Reason)? s_outcome;

    /// <summary>
    /// Loads and initialises the driver once. Returns false with a human-readable reason when CUDA cannot be used.
    /// </summary>
    public static bool TryInitialize(out string reason)
    {
        lock (s_lock)
        {
            s_outcome ??= Initialize();
            reason = s_outcome.Value.Reason;
            return s_outcome.Value.Available;
        }
    }

    /// <summary>True when the loaded driver is Ovni's host-memory emulator (its numbers are not GPU numbers).</summary>
    public static bool IsEmulator =>
        TryInitialize(out _) && NativeLibrary.TryGetExport(CudaLibrary.TryLoad(), "ovni_emu_live_allocations", out _);

    /// <summary>The driver's CUDA version as major*1000 + minor*10 (e.g. 12020 for 12.2).</summary>
    public static int DriverVersion
    {
        get
        {
            EnsureInitialized();
            int version;
            CudaCheck.ThrowIfFailed(CudaApi.cuDriverGetVersion(&version));
            return version;
        }
    }

    /// <summary>Number of CUDA devices; 0 when CUDA is unavailable.</summary>
    public static int DeviceCount
    {
        get
        {
            if (!TryInitialize(out _))
            {
                return 0;
            }
            int count;
            CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGetCount(&count));
            return count;
        }
    }

    /// <summary>Name, compute capability and memory of a device.</summary>
    public static CudaDeviceInfo GetDevice(int ordinal)
    {
        EnsureInitialized();
        int device;
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGet(&device, ordinal));
        byte* name = stackalloc byte[256];
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGetName(name, 256, device));
        int major, minor, multiprocessors;
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGetAttribute(&major, CudaDeviceAttribute.ComputeCapabilityMajor, device));
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGetAttribute(&minor, CudaDeviceAttribute.ComputeCapabilityMinor, device));
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGetAttribute(&multiprocessors, CudaDeviceAttribute.MultiprocessorCount, device));
        nuint total;
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceTotalMem_v2(&total, device));
        string text = Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
        return new CudaDeviceInfo(ordinal, text, new Version(major, minor), (long)total, multiprocessors);
    }

    /// <summary>Throws an <see cref="OvniException"/> naming the reason when CUDA is unavailable.</summary>
    internal static void EnsureInitialized()
    {
        if (!TryInitialize(out string reason))
        {
            throw new OvniException("CUDA is not available: " + reason);
        }
    }

    /// <summary>
    /// Test hook: probes a driver library at <paramref name="libraryPath"/> without touching the process-wide
    /// state, calling it through its exports rather than through the bound imports.
    /// </summary>
    internal static bool TryInitializeFrom(string libraryPath, out string reason)
    {
        nint library = CudaLibrary.TryLoadFirst([libraryPath], out string failure);
        if (library == 0)
        {
            reason = failure;
            return false;
        }
        return Probe(library, libraryPath, out reason);
    }

    private static (bool, string) Initialize()
    {
        CudaLibrary.EnsureResolverRegistered();
        nint library = CudaLibrary.TryLoad();
        if (library == 0)
        {
            return (false, CudaLibrary.LoadFailure);
        }
        bool available = Probe(library, string.Join(" or ", CudaLibrary.Candidates()), out string reason);
        return (available, reason);
    }

    private static bool Probe(nint library, string description, out string reason)
    {
        foreach (string entryPoint in CudaApi.EntryPoints)
        {
            if (!NativeLibrary.TryGetExport(library, entryPoint, out _))
            {
                reason = $"{description} lacks the driver entry point {entryPoint} (driver too old, or not a CUDA driver)";
                return false;
            }
        }
        var cuInit = (delegate* unmanaged<uint, CudaResult>)NativeLibrary.GetExport(library, "cuInit");
        CudaResult result = cuInit(0);
        if (result != CudaResult.Success)
        {
            reason = $"cuInit failed in {description} with {result} ({(int)result}){DescribeWith(library, result)}";
            return false;
        }
        var cuDeviceGetCount = (delegate* unmanaged<int*, CudaResult>)NativeLibrary.GetExport(library, "cuDeviceGetCount");
        int count = 0;
        result = cuDeviceGetCount(&count);
        if (result != CudaResult.Success || count == 0)
        {
            reason = $"no CUDA device found by {description} ({result})";
            return false;
        }
        reason = string.Empty;
        return true;
    }

    private static string DescribeWith(nint library, CudaResult result)
    {
        var getErrorString = (delegate* unmanaged<CudaResult, byte**, CudaResult>)NativeLibrary.GetExport(library, "cuGetErrorString");
        byte* text = null;
        if (getErrorString(result, &text) != CudaResult.Success || text == null)
        {
            return string.Empty;
        }
        return ": " + Marshal.PtrToStringUTF8((nint)text);
    }
}
