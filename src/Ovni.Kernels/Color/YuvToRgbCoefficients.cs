// Why: inverse matrix in 16-bit fixed point, identical to OvniYuvToRgb in native/kernels/ovni_color.h.
namespace Ovni.Kernels;

/// <summary>YUV -> RGB coefficients scaled by 65536 (G terms are subtracted), and the luma offset at 8 bits.</summary>
internal readonly record struct YuvToRgbCoefficients(int Cy, int Crv, int Cgu, int Cgv, int Cbu, int YOffset);
