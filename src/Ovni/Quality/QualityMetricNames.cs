namespace Ovni.Quality;

/// <summary>libvmaf's metric names, used as JSON keys and pooled-score keys.</summary>
internal static class QualityMetricNames
{
    /// <summary>VMAF score.</summary>
    public const string Vmaf = "vmaf";
    /// <summary>ADM2 feature.</summary>
    public const string Adm2 = "integer_adm2";
    /// <summary>Motion2 feature.</summary>
    public const string Motion2 = "integer_motion2";
    /// <summary>Per-frame motion (libvmaf's motion SAD score).</summary>
    public const string Motion = "integer_motion";
    /// <summary>VIF scale 0.</summary>
    public const string VifScale0 = "integer_vif_scale0";
    /// <summary>VIF scale 1.</summary>
    public const string VifScale1 = "integer_vif_scale1";
    /// <summary>VIF scale 2.</summary>
    public const string VifScale2 = "integer_vif_scale2";
    /// <summary>VIF scale 3.</summary>
    public const string VifScale3 = "integer_vif_scale3";
    /// <summary>PSNR of luma.</summary>
    public const string PsnrY = "psnr_y";
    /// <summary>PSNR of Cb.</summary>
    public const string PsnrCb = "psnr_cb";
    /// <summary>PSNR of Cr.</summary>
    public const string PsnrCr = "psnr_cr";
    /// <summary>SSIM of luma.</summary>
    public const string Ssim = "float_ssim";

    /// <summary>Every metric in the order the JSON writer emits them, with its accessor.</summary>
    internal static readonly (string Name, Func<QualityFrameScores, double> Get)[] All =
    [
        (Adm2, f => f.Adm2), (Motion2, f => f.Motion2), (Motion, f => f.Motion),
        (VifScale0, f => f.VifScale0), (VifScale1, f => f.VifScale1), (VifScale2, f => f.VifScale2), (VifScale3, f => f.VifScale3),
        (PsnrY, f => f.PsnrY), (PsnrCb, f => f.PsnrCb), (PsnrCr, f => f.PsnrCr), (Ssim, f => f.Ssim), (Vmaf, f => f.Vmaf),
    ];
}
