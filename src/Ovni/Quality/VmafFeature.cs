namespace Ovni.Quality;

/// <summary>The elementary features an integer VMAF model can use (libvmaf's integer extractors).</summary>
internal enum VmafFeature
{
    /// <summary><c>integer_adm2</c>: detail loss measure.</summary>
    Adm2,
    /// <summary><c>integer_motion2</c>: temporal activity of the reference, min of this and the next frame.</summary>
    Motion2,
    /// <summary><c>integer_vif_scale0</c>.</summary>
    VifScale0,
    /// <summary><c>integer_vif_scale1</c>.</summary>
    VifScale1,
    /// <summary><c>integer_vif_scale2</c>.</summary>
    VifScale2,
    /// <summary><c>integer_vif_scale3</c>.</summary>
    VifScale3,
}
