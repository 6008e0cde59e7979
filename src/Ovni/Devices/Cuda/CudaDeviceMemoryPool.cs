// Device memory behind a CUDA frame pool. FFmpeg's own CUDA pool grows without limit and allocates in
// whatever context FFmpeg holds; this one allocates in Ovni's context, counts the buffers alive and
// refuses to go beyond a cap, so a consumer that forgets to dispose frames gets a clear error instead
// of exhausting VRAM. It keeps the context alive until its last buffer is freed, which may happen
// after the device was disposed (an encoder can hold the final reference).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ovni.Interop.Cuda;
using Ovni.Interop.FFmpeg;

namespace Ovni.Devices.Cuda;

/// <summary>State of one FFmpeg buffer pool whose buffers are <c>cuMemAlloc</c> blocks in Ovni's context.</summary>
internal sealed unsafe class CudaDeviceMemoryPool
{
    private readonly CudaContext _context;
    private readonly nint _contextHandle;
    private readonly int _capacity;
    private GCHandle _self;
    private int _live;
    private int _capReached;
    private int _lastDriverError;

    private CudaDeviceMemoryPool(CudaContext context, int capacity)
    {
        _context = context;
        _contextHandle = context.DangerousGetHandle();
        _capacity = capacity;
    }

    /// <summary>Device buffers allocated and not yet freed (in use by frames or parked in the pool).</summary>
    public int LiveBuffers => Volatile.Read(ref _live);

    /// <summary>Most buffers the pool allocates.</summary>
    public int Capacity => _capacity;

    /// <summary>Why the last allocation failed: the cap, or the driver's status.</summary>
    public string DescribeLastFailure()
    {
        if (Interlocked.Exchange(ref _capReached, 0) != 0)
        {
            return $"all {_capacity} frames of the pool are in use (dispose frames when done with them, or raise CudaDeviceOptions.MaxFramesPerPool)";
        }
        var error = (CudaResult)Interlocked.Exchange(ref _lastDriverError, 0);
        return error == CudaResult.Success ? "the buffer pool could not allocate" : $"cuMemAlloc failed with {CudaCheck.Describe(error).Name ?? error.ToString()}";
    }

    /// <summary>Creates an AVBufferPool of <paramref name="bufferBytes"/>-byte device buffers; FFmpeg owns the returned pool.</summary>
    public static void* CreatePool(CudaContext context, nuint bufferBytes, int capacity, out CudaDeviceMemoryPool state)
    {
        state = new CudaDeviceMemoryPool(context, capacity);
        bool added = false;
        context.DangerousAddRef(ref added);
        state._self = GCHandle.Alloc(state);
        void* pool = FFmpegApi.av_buffer_pool_init2(bufferBytes, (void*)GCHandle.ToIntPtr(state._self), &Allocate, &PoolFreed);
        if (pool == null)
        {
            state._self.Free();
            context.DangerousRelease();
            throw new OutOfMemoryException("av_buffer_pool_init2 failed.");
        }
        return pool;
    }

    private static CudaDeviceMemoryPool From(void* opaque) => (CudaDeviceMemoryPool)GCHandle.FromIntPtr((nint)opaque).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* Allocate(void* opaque, nuint size)
    {
        try
        {
            CudaDeviceMemoryPool state = From(opaque);
            if (Interlocked.Increment(ref state._live) > state._capacity)
            {
                Interlocked.Decrement(ref state._live);
                Volatile.Write(ref state._capReached, 1);
                return null;
            }
            ulong pointer = 0;
            CudaResult result = CudaApi.cuCtxPushCurrent_v2(state._contextHandle);
            if (result == CudaResult.Success)
            {
                result = CudaApi.cuMemAlloc_v2(&pointer, size);
                nint popped;
                CudaApi.cuCtxPopCurrent_v2(&popped);
            }
            if (result != CudaResult.Success)
            {
                Interlocked.Decrement(ref state._live);
                Volatile.Write(ref state._lastDriverError, (int)result);
                return null;
            }
            void* buffer = FFmpegApi.av_buffer_create((byte*)pointer, size, &Free, opaque, 0);
            if (buffer == null)
            {
                state.FreeDeviceMemory(pointer);
            }
            return buffer;
        }
        catch
        {
            return null; // an exception must never unwind into FFmpeg
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Free(void* opaque, byte* data)
    {
        try
        {
            From(opaque).FreeDeviceMemory((ulong)data);
        }
        catch
        {
            // nothing sensible to do inside FFmpeg's free path
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void PoolFreed(void* opaque)
    {
        try
        {
            CudaDeviceMemoryPool state = From(opaque);
            state._self.Free();
            state._context.DangerousRelease();
        }
        catch
        {
            // see Free
        }
    }

    private void FreeDeviceMemory(ulong pointer)
    {
        if (CudaApi.cuCtxPushCurrent_v2(_contextHandle) == CudaResult.Success)
        {
            CudaApi.cuMemFree_v2(pointer);
            nint popped;
            CudaApi.cuCtxPopCurrent_v2(&popped);
        }
        Interlocked.Decrement(ref _live);
    }
}
