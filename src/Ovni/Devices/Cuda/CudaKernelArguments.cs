// Kernel parameters packed the way cuLaunchKernel wants them (an array of pointers, one per parameter,
// each pointing at the value) without allocating: values live in this struct's inline storage and the
// pointer array is built on the stack at launch time. Only CudaKernelCall fills one, after checking each value
// against the kernel's signature: there is no unchecked way to launch.
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>The packed parameter values of one kernel launch, in the kernel's declaration order (the storage of a <see cref="CudaKernelCall"/>).</summary>
internal unsafe struct CudaKernelArguments
{
    /// <summary>Most parameters one launch can take.</summary>
    public const int MaxArguments = 24;

    /// <summary>Most bytes of parameter values one launch can take.</summary>
    public const int MaxBytes = 256;

    private fixed long _storage[MaxBytes / sizeof(long)];  // long elements keep every value 8-byte aligned
    private fixed ushort _offsets[MaxArguments];
    private fixed long _bufferContexts[MaxArguments];
    private int _count;
    private int _used;
    private int _bufferCount;

    /// <summary>Number of parameters added.</summary>
    public readonly int Count => _count;

    /// <summary>Adds a value parameter (int, float, a pointer, a small struct).</summary>
    public void Add<T>(T value) where T : unmanaged
    {
        if (_count == MaxArguments)
        {
            throw new OvniException($"A kernel launch takes at most {MaxArguments} parameters.");
        }
        int alignment = Math.Min(sizeof(T), sizeof(long));
        int offset = (_used + alignment - 1) / alignment * alignment;
        if (offset + sizeof(T) > MaxBytes)
        {
            throw new OvniException($"Kernel parameters exceed {MaxBytes} bytes.");
        }
        fixed (long* storage = _storage)
        {
            *(T*)((byte*)storage + offset) = value;
        }
        _offsets[_count++] = (ushort)offset;
        _used = offset + sizeof(T);
    }

    /// <summary>Adds a device buffer's address and remembers its context, which the launch checks.</summary>
    public void Add(CudaDeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsClosed, buffer);
        Add(buffer.DevicePointer);
        _bufferContexts[_bufferCount++] = buffer.Context.DangerousGetHandle();
    }

    internal readonly void ValidateContext(nint context, string kernel)
    {
        for (int i = 0; i < _bufferCount; i++)
        {
            if (_bufferContexts[i] != context)
            {
                throw new OvniException($"Kernel {kernel}: buffer argument {i} was allocated in another CUDA context than the kernel's module.");
            }
        }
    }

    internal CudaResult Launch(nint function, CudaDim3 grid, CudaDim3 block, uint sharedMemoryBytes, nint stream)
    {
        void** parameters = stackalloc void*[Math.Max(_count, 1)];
        fixed (long* storage = _storage)
        {
            for (int i = 0; i < _count; i++)
            {
                parameters[i] = (byte*)storage + _offsets[i];
            }
            return CudaApi.cuLaunchKernel(function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z,
                sharedMemoryBytes, stream, parameters, null);
        }
    }
}
