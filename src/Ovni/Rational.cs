using System.Runtime.InteropServices;

namespace Ovni;

/// <summary>
/// An exact fraction such as a time base (1/90000) or a frame rate (30000/1001). Same layout as
/// FFmpeg's AVRational so it crosses into native code unchanged.
/// </summary>
/// <param name="Num">Numerator.</param>
/// <param name="Den">Denominator.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Rational(int Num, int Den)
{
    /// <summary>The value as a double; 0 when the denominator is 0 (FFmpeg's "unknown").</summary>
    public double ToDouble() => Den == 0 ? 0 : (double)Num / Den;

    /// <summary>True when both parts are non-zero.</summary>
    public bool IsValid => Num != 0 && Den != 0;

    /// <summary>The reciprocal, e.g. a frame rate to a frame duration.</summary>
    public Rational Invert() => new(Den, Num);

    /// <inheritdoc />
    public override string ToString() => $"{Num}/{Den}";
}
