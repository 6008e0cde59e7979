// Why: the VMAF VIF and motion feature kernels (native/kernels/vmaf_*.cu), kept apart from the frame operations.
// Their CPU twins are Quality.VifExtractor and Quality.MotionExtractor: the kernels leave per-row int64 partial sums
// on the device and the host finishes them with the extractors' own arithmetic.
namespace Ovni.Kernels;

internal static partial class KernelCatalog
{
    private const string PerRow = "one thread per row: grid spans height x 1";

    /// <summary>Device luma plane (8-bit, or 16-bit shifted right by <c>shift</c>) to packed 16-bit VMAF input.</summary>
    public static KernelSignature VmafLoadLuma { get; } = Define("ovni_vmaf_load_luma", "vmaf_luma", PerPixel,
        "src* pitchSrc dst* pitchDst width height bytesPerSample shift");

    /// <summary>VIF vertical filter of the means and second moments into five stacked uint32 planes.</summary>
    public static KernelSignature VmafVifVertical { get; } = Define("ovni_vmaf_vif_vertical", "vmaf_vif", PerPixel,
        "ref* pitchRef dist* pitchDist width height filter* taps shiftMean shiftSquare stats* pitchStats");

    /// <summary>VIF horizontal filter and per-pixel log-domain terms into four stacked int32 planes.</summary>
    public static KernelSignature VmafVifStatistics { get; } = Define("ovni_vmaf_vif_statistics", "vmaf_vif", PerPixel,
        "stats* pitchStats width height filter* taps log2Table* gainLimit* terms* pitchTerms");

    /// <summary>Per-row int64 sums of the four VIF term planes (numLog, denLog, numNonLog, cntNonLog).</summary>
    public static KernelSignature VmafVifRowSums { get; } = Define("ovni_vmaf_vif_row_sums", "vmaf_vif", PerRow,
        "terms* pitchTerms width height sums*");

    /// <summary>VIF pyramid step: filter with the next scale's taps and keep even rows and columns.</summary>
    public static KernelSignature VmafVifDownsample { get; } = Define("ovni_vmaf_vif_downsample", "vmaf_vif",
        "one thread per output pixel: grid spans width/2 x height/2",
        "src* pitchSrc width height filter* taps shift dst* pitchDst");

    /// <summary>Motion: vertical 5-tap filter of the frame difference into an int32 plane.</summary>
    public static KernelSignature VmafMotionVertical { get; } = Define("ovni_vmaf_motion_vertical", "vmaf_motion", PerPixel,
        "previous* pitchPrevious current* pitchCurrent width height bitDepth blurred* pitchBlurred");

    /// <summary>Motion: horizontal 5-tap filter and per-row int64 sum of absolute values.</summary>
    public static KernelSignature VmafMotionRowSad { get; } = Define("ovni_vmaf_motion_row_sad", "vmaf_motion", PerRow,
        "blurred* pitchBlurred width height sad*");

    private static KernelSignature[] VifKernels =>
    [
        VmafLoadLuma, VmafVifVertical, VmafVifStatistics, VmafVifRowSums, VmafVifDownsample, VmafMotionVertical, VmafMotionRowSad,
    ];
}
