namespace Ovni.Quality;

/// <summary>Which metrics a scorer computes.</summary>
[Flags]
public enum QualityMetrics
{
    /// <summary>VMAF (with <see cref="QualityOptions.Model"/>, libvmaf's built-in model by default) and its integer features.</summary>
    Vmaf = 1,
    /// <summary>PSNR of Y, and of Cb/Cr when chroma is given.</summary>
    Psnr = 2,
    /// <summary>SSIM of luma (libvmaf float_ssim).</summary>
    Ssim = 4,
    /// <summary>Everything.</summary>
    All = Vmaf | Psnr | Ssim,
}
