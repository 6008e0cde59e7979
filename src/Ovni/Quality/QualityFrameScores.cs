namespace Ovni.Quality;

/// <summary>All scores of one frame; NaN where a metric was not computed. Names follow libvmaf's JSON keys.</summary>
public readonly record struct QualityFrameScores
{
    /// <summary>0-based frame index in the input.</summary>
    public int FrameNumber { get; init; }
    /// <summary><c>vmaf</c>.</summary>
    public double Vmaf { get; init; }
    /// <summary><c>integer_adm2</c>.</summary>
    public double Adm2 { get; init; }
    /// <summary><c>integer_motion2</c>: min of this frame's and the next frame's motion.</summary>
    public double Motion2 { get; init; }
    /// <summary><c>integer_motion</c>: this frame's own motion (libvmaf's motion_sad_score).</summary>
    public double Motion { get; init; }
    /// <summary><c>integer_vif_scale0</c>.</summary>
    public double VifScale0 { get; init; }
    /// <summary><c>integer_vif_scale1</c>.</summary>
    public double VifScale1 { get; init; }
    /// <summary><c>integer_vif_scale2</c>.</summary>
    public double VifScale2 { get; init; }
    /// <summary><c>integer_vif_scale3</c>.</summary>
    public double VifScale3 { get; init; }
    /// <summary><c>psnr_y</c> in dB.</summary>
    public double PsnrY { get; init; }
    /// <summary><c>psnr_cb</c> in dB (NaN without chroma).</summary>
    public double PsnrCb { get; init; }
    /// <summary><c>psnr_cr</c> in dB (NaN without chroma).</summary>
    public double PsnrCr { get; init; }
    /// <summary><c>float_ssim</c>.</summary>
    public double Ssim { get; init; }
}
