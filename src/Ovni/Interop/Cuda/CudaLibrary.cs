// Finds and loads the CUDA driver library once, lazily. A missing driver is a normal outcome
// ("no CUDA device"), so loading never throws: it yields a zero handle and a reason.
using System.Reflection;
using System.Runtime.InteropServices;

namespace Ovni.Interop.Cuda;

internal static class CudaLibrary
{
    /// <summary>The library name every CUDA <c>[LibraryImport]</c> uses; the resolver maps it to <see cref="TryLoad"/>.</summary>
    public const string Name = "ovni-cuda";

    /// <summary>Full path of a driver library to try first (tests point it at the emulator).</summary>
    public const string PathVariable = "OVNI_CUDA_LIBRARY";

    private static readonly Lazy<(nint Handle, string Failure)> s_loaded = new(() =>
    {
        nint handle = TryLoadFirst(Candidates(), out string failure);
        return (handle, failure);
    });

    /// <summary>The loaded driver's handle, or 0 when none could be loaded (see <see cref="LoadFailure"/>).</summary>
    public static nint TryLoad() => s_loaded.Value.Handle;

    /// <summary>Why <see cref="TryLoad"/> returned 0; empty when it did not.</summary>
    public static string LoadFailure => s_loaded.Value.Failure;

    /// <summary>Makes the "ovni-cuda" import name resolvable through the assembly's single resolver.</summary>
    internal static void EnsureResolverRegistered() => NativeLibraryResolver.EnsureRegistered();

    /// <summary>For <c>NativeLibrary.SetDllImportResolver</c>: resolves <see cref="Name"/>, nothing else.</summary>
    public static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? TryLoad() : 0;

    /// <summary>
    /// Probe order: <c>OVNI_CUDA_LIBRARY</c>, then the driver's versioned name. Never <c>libcuda.so</c>:
    /// that link exists only with the developer package, containers mount just <c>libcuda.so.1</c>.
    /// </summary>
    internal static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>(2);
        string? configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }
        candidates.Add(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1");
        return candidates;
    }

    internal static nint TryLoadFirst(IEnumerable<string> candidates, out string failure)
    {
        var reasons = new List<string>();
        foreach (string candidate in candidates)
        {
            if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
            {
                reasons.Add($"{candidate}: file does not exist");
                continue;
            }
            try
            {
                if (NativeLibrary.TryLoad(candidate, out nint handle))
                {
                    failure = string.Empty;
                    return handle;
                }
                reasons.Add($"{candidate}: could not be loaded");
            }
            catch (BadImageFormatException ex)
            {
                reasons.Add($"{candidate}: {ex.Message}");
            }
        }
        failure = "CUDA driver library not found (" + string.Join("; ", reasons) + ")";
        return 0;
    }
}
