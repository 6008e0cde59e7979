// Why: the VMAF VIF and motion feature kernels (native/kernels/vmaf_*.cu), kept apart from the frame operations.
namespace Ovni.Kernels;

public static partial class KernelCatalog
{
    private static KernelSignature[] VifKernels => [];
}
