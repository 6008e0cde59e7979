// Why: the VMAF ADM feature kernels (native/kernels/vmaf_adm.cu), kept apart from the frame operations.
namespace Ovni.Kernels;

public static partial class KernelCatalog
{
    private static KernelSignature[] AdmKernels => [];
}
