namespace Ovni.Kernels;

/// <summary>A destination -> source affine map in Q16 fixed point: sx = M00 x + M01 y + M02, sy = M10 x + M11 y + M12.</summary>
/// <param name="M00">d sx / d x.</param>
/// <param name="M01">d sx / d y.</param>
/// <param name="M02">sx at (0, 0).</param>
/// <param name="M10">d sy / d x.</param>
/// <param name="M11">d sy / d y.</param>
/// <param name="M12">sy at (0, 0).</param>
internal readonly record struct AffineMapQ16(int M00, int M01, int M02, int M10, int M11, int M12);
