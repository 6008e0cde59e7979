// A non-blocking CUDA stream: work on it does not wait for the legacy default stream, so decode,
// kernels and encode queued on different streams can overlap.
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>A CUDA stream (<c>CUstream</c>) created with <c>CU_STREAM_NON_BLOCKING</c>.</summary>
internal sealed unsafe class CudaStream : SafeHandle
{
    private const uint NonBlocking = 1;

    private CudaStream(CudaContext context, nint stream) : base(0, ownsHandle: true)
    {
        Context = context;
        SetHandle(stream);
    }

    /// <summary>The context the stream belongs to.</summary>
    public CudaContext Context { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Creates a non-blocking stream in a context.</summary>
    public static CudaStream Create(CudaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool added = false;
        context.DangerousAddRef(ref added);
        try
        {
            using CudaContextScope scope = context.Push();
            nint stream;
            CudaCheck.ThrowIfFailed(CudaApi.cuStreamCreate(&stream, NonBlocking));
            added = false;
            return new CudaStream(context, stream);
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    /// <summary>Waits until all work queued on the stream has finished.</summary>
    public void Synchronize()
    {
        using CudaContextScope scope = Context.Push();
        CudaCheck.ThrowIfFailed(CudaApi.cuStreamSynchronize(handle));
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CudaResult result = Context.WithCurrent(handle, &Destroy);
        Context.DangerousRelease();
        return result == CudaResult.Success;
    }

    private static CudaResult Destroy(nint stream) => CudaApi.cuStreamDestroy_v2(stream);
}
