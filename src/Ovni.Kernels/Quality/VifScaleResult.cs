// One VIF scale's numerator and denominator, kept apart because libvmaf reports them separately in debug output.
namespace Ovni.Kernels.Quality;

/// <summary>Numerator and denominator of one integer-VIF scale (float32, as libvmaf keeps them).</summary>
internal struct VifScaleResult
{
    public float Numerator;
    public float Denominator;

    /// <summary>The scale's score, <c>f32(num/den)</c>.</summary>
    public readonly float Score => Numerator / Denominator;
}
