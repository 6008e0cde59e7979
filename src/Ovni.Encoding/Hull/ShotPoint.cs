namespace Ovni.Encoding;

/// <summary>One encode of one shot: its size and its quality, the point it adds to the shot's rate–quality curve.</summary>
/// <param name="Crf">The CRF it was encoded at.</param>
/// <param name="Bytes">Size of the shot's encode.</param>
/// <param name="VmafSum">Sum of the per-frame VMAF of its frames (so shots pool frame-weighted by adding).</param>
/// <param name="Frames">Frames in the shot.</param>
/// <param name="MinVmaf">The lowest per-frame VMAF.</param>
/// <param name="InverseSum">Sum over its frames of 1 / (VMAF + 1), what harmonic-mean pooling adds up across shots; NaN
/// when it was not measured (then the shot cannot be allocated for <see cref="VmafPooling.HarmonicMean"/>).</param>
public sealed record ShotPoint(double Crf, long Bytes, double VmafSum, int Frames, double MinVmaf, double InverseSum = double.NaN)
{
    /// <summary>The encoder settings it was made with: <see cref="EncoderVariant.BaseName"/> or an <see cref="EncoderVariant.Name"/>.</summary>
    public string Variant { get; init; } = EncoderVariant.BaseName;

    /// <summary>Mean VMAF over the shot's frames.</summary>
    public double MeanVmaf => Frames > 0 ? VmafSum / Frames : 0;
}
