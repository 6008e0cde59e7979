namespace Ovni.Encoding;

/// <summary>One encode of one shot: its size and its quality, the point it adds to the shot's rate–quality curve.</summary>
/// <param name="Crf">The CRF it was encoded at.</param>
/// <param name="Bytes">Size of the shot's encode.</param>
/// <param name="VmafSum">Sum of the per-frame VMAF of its frames (so shots pool frame-weighted by adding).</param>
/// <param name="Frames">Frames in the shot.</param>
/// <param name="MinVmaf">The lowest per-frame VMAF.</param>
public sealed record ShotPoint(double Crf, long Bytes, double VmafSum, int Frames, double MinVmaf)
{
    /// <summary>Mean VMAF over the shot's frames.</summary>
    public double MeanVmaf => Frames > 0 ? VmafSum / Frames : 0;
}
