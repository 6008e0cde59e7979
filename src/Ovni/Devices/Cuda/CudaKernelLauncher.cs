// Loads PTX modules into a CudaDevice's context on first use, finds their entries, and launches them on the
// device's stream with arguments already checked against the kernel's signature. Modules stay loaded until
// the launcher is disposed, so a per-frame launch allocates nothing.
namespace Ovni.Devices.Cuda;

/// <summary>Launches PTX kernels on a <see cref="CudaDevice"/>.</summary>
internal sealed class CudaKernelLauncher : IDisposable
{
    private readonly ICudaPtxSource _source;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CudaModule> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<CudaKernelSignature, CudaFunction> _functions = new();
    private bool _disposed;

    /// <summary>A launcher for kernels from <paramref name="source"/> on <paramref name="device"/>.</summary>
    public CudaKernelLauncher(CudaDevice device, ICudaPtxSource source)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(source);
        Device = device;
        _source = source;
    }

    /// <summary>The device kernels run on.</summary>
    public CudaDevice Device { get; }

    /// <summary>Empty arguments for <paramref name="kernel"/>, to fill in declaration order.</summary>
    public CudaKernelCall CreateCall(CudaKernelSignature kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new CudaKernelCall(kernel, Device.Context, Device);
    }

    /// <summary>Queues the kernel on the device's stream (loading its module on first use).</summary>
    /// <exception cref="OvniException">The call is incomplete, or was made for another device.</exception>
    public void Launch(ref CudaKernelCall call, CudaDim3 grid, CudaDim3 block, uint sharedMemoryBytes = 0)
    {
        CudaFunction function = GetFunction(call.Kernel ?? throw new OvniException("This CudaKernelCall was not created by CudaKernelLauncher.CreateCall."));
        function.Launch(ref call, grid, block, Device.Stream, sharedMemoryBytes);
    }

    /// <summary>The loaded entry of <paramref name="kernel"/>.</summary>
    public CudaFunction GetFunction(CudaKernelSignature kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_functions.TryGetValue(kernel, out CudaFunction? function)) return function;
            if (!_modules.TryGetValue(kernel.ModuleName, out CudaModule? module))
            {
                ReadOnlyMemory<byte> ptx = _source.GetPtx(kernel.ModuleName);
                module = CudaModule.Load(Device.Context, ptx.Span);
                _modules[kernel.ModuleName] = module;
            }
            function = module.GetFunction(kernel.EntryName);
            _functions[kernel] = function;
            return function;
        }
    }

    /// <summary>Unloads the modules.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (CudaModule module in _modules.Values) module.Dispose();
            _modules.Clear();
            _functions.Clear();
        }
    }
}
