namespace Ovni.Encoding;

/// <summary>How per-frame VMAF scores are pooled into one number.</summary>
public enum VmafPooling
{
    /// <summary>Arithmetic mean (libvmaf's pooled "mean").</summary>
    Mean,

    /// <summary>Harmonic mean (libvmaf's "harmonic_mean"): weak frames weigh more.</summary>
    HarmonicMean,

    /// <summary>5th percentile: 95 % of frames score at least this.</summary>
    Percentile5,

    /// <summary>The worst frame.</summary>
    Min,
}
