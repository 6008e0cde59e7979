// A kernel entry of a loaded module and its launch. The launch validates that every buffer passed
// belongs to the module's context before the driver sees any pointer: a foreign device pointer
// would otherwise be a fault on the GPU, far from the mistake.
using Ovni.Interop.Cuda;

namespace Ovni.Devices.Cuda;

/// <summary>A kernel (<c>CUfunction</c>) of a <see cref="CudaModule"/>; valid while the module is.</summary>
internal sealed unsafe class CudaFunction
{
    private readonly nint _function;

    internal CudaFunction(CudaModule module, nint function, string name)
    {
        Module = module;
        Name = name;
        _function = function;
    }

    /// <summary>The module holding the kernel.</summary>
    public CudaModule Module { get; }

    /// <summary>The PTX entry name.</summary>
    public string Name { get; }

    /// <summary>
    /// Empty arguments for this kernel with the parameters of <paramref name="signature"/>, to fill in declaration order;
    /// they take buffers of the module's context (frame planes need a <see cref="CudaKernelLauncher"/>).
    /// </summary>
    internal CudaKernelCall CreateCall(CudaKernelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.EntryName != Name)
            throw new OvniException($"Signature {signature} does not describe kernel {Name}.");
        return new CudaKernelCall(signature, Module.Context, device: null);
    }

    /// <summary>
    /// Launches the kernel with the checked arguments of <paramref name="call"/> on <paramref name="stream"/> (null: the
    /// default stream). Allocates nothing.
    /// </summary>
    /// <exception cref="OvniException">The call is incomplete or for another kernel, a buffer or the stream belongs to another context, or the grid is empty.</exception>
    /// <exception cref="CudaException">The driver refused the launch.</exception>
    internal void Launch(ref CudaKernelCall call, CudaDim3 grid, CudaDim3 block, CudaStream? stream, uint sharedMemoryBytes = 0)
    {
        call.EnsureComplete(Name);
        ObjectDisposedException.ThrowIf(Module.IsClosed, Module);
        CudaContext context = Module.Context;
        if (stream is not null && stream.Context != context)
        {
            throw new OvniException($"Kernel {Name}: the stream belongs to another CUDA context than the kernel's module.");
        }
        call.Arguments.ValidateContext(context.DangerousGetHandle(), Name);
        if (grid.X == 0 || grid.Y == 0 || grid.Z == 0 || block.X == 0 || block.Y == 0 || block.Z == 0)
        {
            throw new OvniException($"Kernel {Name}: grid {grid} and block {block} must be non-zero in every dimension.");
        }
        using CudaContextScope scope = context.Push();
        CudaResult result = call.Arguments.Launch(_function, grid, block, sharedMemoryBytes, stream?.DangerousGetHandle() ?? 0);
        if (result != CudaResult.Success)
        {
            throw CudaCheck.Failure(result, $"cuLaunchKernel({Name}, grid {grid}, block {block})", null);
        }
    }
}
