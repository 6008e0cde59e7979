// Why: forward matrix in 16-bit fixed point, identical to OvniRgbToYuv in native/kernels/ovni_color.h.
namespace Ovni.Kernels;

/// <summary>RGB -> YUV coefficients scaled by 65536, and the luma offset (16 limited, 0 full) at 8 bits.</summary>
internal readonly record struct RgbToYuvCoefficients(
    int Yr, int Yg, int Yb, int Ur, int Ug, int Ub, int Vr, int Vg, int Vb, int YOffset);
