// A CUDA context: the device's primary context (shared with FFmpeg's CUDA hw device and anything else
// in the process) or a private one. Driver calls act on the calling thread's current context, and
// thread-pool continuations hop threads, so work is wrapped in `using (context.Push())`.
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>A CUDA driver context (<c>CUcontext</c>).</summary>
internal sealed unsafe class CudaContext : SafeHandle
{
    private readonly bool _primary;

    private CudaContext(nint handle, int device, bool primary, bool ownsHandle) : base(0, ownsHandle)
    {
        SetHandle(handle);
        DeviceOrdinal = device;
        _primary = primary;
    }

    /// <summary>The device this context runs on.</summary>
    public int DeviceOrdinal { get; }

    /// <summary>True for the device's primary context (shared by everything in the process).</summary>
    public bool IsPrimary => _primary;

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Retains the device's primary context; disposing releases this reference.</summary>
    public static CudaContext RetainPrimary(int deviceOrdinal = 0)
    {
        CudaDriver.EnsureInitialized();
        int device;
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGet(&device, deviceOrdinal));
        nint context;
        CudaCheck.ThrowIfFailed(CudaApi.cuDevicePrimaryCtxRetain(&context, device));
        return new CudaContext(context, device, primary: true, ownsHandle: true);
    }

    /// <summary>Creates a private context on a device; disposing destroys it and everything allocated in it.</summary>
    public static CudaContext Create(int deviceOrdinal = 0)
    {
        CudaDriver.EnsureInitialized();
        int device;
        CudaCheck.ThrowIfFailed(CudaApi.cuDeviceGet(&device, deviceOrdinal));
        nint context;
        CudaCheck.ThrowIfFailed(CudaApi.cuCtxCreate_v2(&context, 0, device));
        // cuCtxCreate makes the new context current; leave this thread's stack as it was.
        nint popped;
        CudaCheck.ThrowIfFailed(CudaApi.cuCtxPopCurrent_v2(&popped));
        return new CudaContext(context, device, primary: false, ownsHandle: true);
    }

    /// <summary>
    /// Wraps a context owned by someone else (e.g. FFmpeg's <c>AVCUDADeviceContext.cuda_ctx</c>); disposing
    /// the wrapper leaves it alive.
    /// </summary>
    public static CudaContext Borrow(nint context, int deviceOrdinal = 0)
    {
        if (context == 0)
        {
            throw new OvniException("Cannot borrow a null CUDA context.");
        }
        CudaDriver.EnsureInitialized();
        return new CudaContext(context, deviceOrdinal, primary: false, ownsHandle: false);
    }

    /// <summary>Makes this context current on the calling thread until the returned scope is disposed.</summary>
    public CudaContextScope Push()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        CudaCheck.ThrowIfFailed(CudaApi.cuCtxPushCurrent_v2(handle));
        return new CudaContextScope(handle);
    }

    /// <summary>Waits until all work in this context has finished.</summary>
    public void Synchronize()
    {
        using CudaContextScope scope = Push();
        CudaCheck.ThrowIfFailed(CudaApi.cuCtxSynchronize());
    }

    /// <summary>Free and total device memory in bytes, as the driver reports them now.</summary>
    public (long FreeBytes, long TotalBytes) GetMemoryInfo()
    {
        using CudaContextScope scope = Push();
        nuint free, total;
        CudaCheck.ThrowIfFailed(CudaApi.cuMemGetInfo_v2(&free, &total));
        return ((long)free, (long)total);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() =>
        (_primary ? CudaApi.cuDevicePrimaryCtxRelease(DeviceOrdinal) : CudaApi.cuCtxDestroy_v2(handle)) == CudaResult.Success;

    /// <summary>Runs a release call with this context current; for child objects freed on any thread (finalizer too).</summary>
    internal CudaResult WithCurrent<TState>(TState state, delegate*<TState, CudaResult> release)
    {
        if (CudaApi.cuCtxPushCurrent_v2(handle) != CudaResult.Success)
        {
            return CudaResult.InvalidContext;
        }
        CudaResult result = release(state);
        nint popped;
        CudaApi.cuCtxPopCurrent_v2(&popped);
        return result;
    }
}
