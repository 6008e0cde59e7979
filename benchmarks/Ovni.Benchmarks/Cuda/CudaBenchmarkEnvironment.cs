// BenchmarkDotNet runs each suite in a child process, so both the runner and every suite's setup make
// sure the "ovni-cuda" import name resolves before the first driver call.
using Ovni.Interop.Cuda;

namespace Ovni.Benchmarks.Cuda;

internal static class CudaBenchmarkEnvironment
{
    public static void EnsureResolver() => CudaLibrary.EnsureResolverRegistered();
}
