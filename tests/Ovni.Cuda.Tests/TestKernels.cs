// The emulator's test kernels library implements add_one(data, pitch, width, height); this is its PTX
// declaration and signature for the launcher, the way Ovni.Kernels' catalog will describe real kernels.
using Ovni.Devices.Cuda;

namespace Ovni.Cuda.Tests;

internal sealed class TestKernels : ICudaPtxSource
{
    public const string ModuleName = "test_kernels";

    public static readonly CudaKernelSignature AddOne = new(ModuleName, "add_one",
        [CudaKernelParameterKind.Plane, CudaKernelParameterKind.Int32, CudaKernelParameterKind.Int32]);

    public static readonly TestKernels Source = new();

    public ReadOnlyMemory<byte> GetPtx(string moduleName) =>
        moduleName == ModuleName ? TestPtx.AddOne : throw new OvniException($"no PTX module '{moduleName}'");

    /// <summary>Adds one to every byte of a frame's luma plane on its device.</summary>
    public static void AddOneToLuma(CudaKernelLauncher launcher, GpuFrame frame)
    {
        int width = frame.GetPlaneWidth<byte>(0), height = frame.GetPlaneHeight(0);
        CudaKernelCall call = launcher.CreateCall(AddOne);
        call.AddPlane(frame, 0);
        call.AddInt32(width);
        call.AddInt32(height);
        var block = new CudaDim3(32, 8);
        launcher.Launch(ref call, CudaDim3.GridFor(width, height, block), block);
    }
}
