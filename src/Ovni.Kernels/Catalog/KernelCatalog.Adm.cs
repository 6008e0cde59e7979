// Why: the VMAF ADM feature kernels (native/kernels/vmaf_adm.cu), kept apart from the frame operations.
// They run in the order listed, per scale, and leave per-row 64-bit partial sums that the host finishes with
// AdmExtractor's own routine (Ovni.Devices.Cuda.Quality.CudaAdmFeatures); bands are int32 planes, terms int64.
namespace Ovni.Kernels;

internal static partial class KernelCatalog
{
    private const string AdmModule = "vmaf_adm";

    /// <summary>ADM db2 vertical pass (16-bit luma at scale 0, the previous approximation band after).</summary>
    public static KernelSignature AdmDwtVertical { get; } = Define("ovni_adm_dwt_vertical", AdmModule,
        "one thread per output sample: grid spans width x ceil(height/2)",
        "src* srcPitch width height scale bitDepth lo* hi* bandPitch");

    /// <summary>ADM db2 horizontal pass writing the A, H, V and D bands.</summary>
    public static KernelSignature AdmDwtHorizontal { get; } = Define("ovni_adm_dwt_horizontal", AdmModule,
        "one thread per output coefficient: grid spans ceil(width/2) x rows",
        "lo* hi* srcPitch width rows scale bandA* bandH* bandV* bandD* bandPitch");

    /// <summary>ADM decoupling (angle flag, restored part) and the additive part's masking weights.</summary>
    public static KernelSignature AdmDecouple { get; } = Define("ovni_adm_decouple", AdmModule,
        "one thread per coefficient of the decouple region: grid spans (colEnd-colStart) x (rowEnd-rowStart)",
        "refH* refV* refD* distH* distV* distD* restH* restV* restD* maskF* maskC* bandPitch colStart rowStart colEnd rowEnd scale reciprocals* gainLimitLow gainLimitHigh");

    /// <summary>ADM contrast-masked Minkowski-3 numerator terms of the inner region (term planes 0..2).</summary>
    public static KernelSignature AdmMaskedTerms { get; } = Define("ovni_adm_masked_terms", AdmModule,
        "one thread per coefficient of the inner region: grid spans (right-left) x (bottom-top)",
        "restH* restV* restD* maskF* maskC* bandPitch width height left top right bottom scale shiftHV shiftD terms* termsPitch planeRows");

    /// <summary>ADM Minkowski-3 denominator terms of the reference bands' inner region (term planes 3..5).</summary>
    public static KernelSignature AdmReferenceTerms { get; } = Define("ovni_adm_reference_terms", AdmModule,
        "one thread per coefficient of the inner region: grid spans (right-left) x (bottom-top)",
        "refH* refV* refD* bandPitch left top right bottom scale shift terms* termsPitch planeRows");

    /// <summary>64-bit row sums of the ADM term planes.</summary>
    public static KernelSignature AdmRowSums { get; } = Define("ovni_adm_row_sums", AdmModule,
        "one thread per row and term plane: grid spans (bottom-top) x planes",
        "terms* termsPitch planeRows planes left top right bottom sums* firstSum");

    private static KernelSignature[] AdmKernels =>
        [AdmDwtVertical, AdmDwtHorizontal, AdmDecouple, AdmMaskedTerms, AdmReferenceTerms, AdmRowSums];
}
