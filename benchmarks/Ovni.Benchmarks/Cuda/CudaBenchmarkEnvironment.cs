// BenchmarkDotNet runs each suite in a child process, so both the runner and every suite's setup make
// sure the "ovni-cuda" import name resolves, unless Ovni's own resolver (registered by its module
// initializer, which runs first here) already does.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Benchmarks.Cuda;

internal static class CudaBenchmarkEnvironment
{
    private static int s_done;

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref s_done, 1) == 1)
        {
            return;
        }
        RuntimeHelpers.RunModuleConstructor(typeof(OvniException).Module.ModuleHandle);
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(OvniException).Assembly, CudaLibrary.Resolve);
        }
        catch (InvalidOperationException)
        {
            // Ovni registered its resolver; it maps "ovni-cuda" to CudaLibrary.
        }
    }
}
