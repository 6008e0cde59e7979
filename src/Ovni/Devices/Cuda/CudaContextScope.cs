// The "context is current" region opened by CudaContext.Push(): a struct, so entering it allocates nothing.
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>Pops the context pushed by <see cref="CudaContext.Push"/> when disposed.</summary>
internal unsafe struct CudaContextScope : IDisposable
{
    private nint _context;

    internal CudaContextScope(nint context) => _context = context;

    /// <summary>Pops the context off the calling thread's stack (once).</summary>
    public void Dispose()
    {
        if (_context == 0)
        {
            return;
        }
        _context = 0;
        nint popped;
        CudaApi.cuCtxPopCurrent_v2(&popped);
    }
}
