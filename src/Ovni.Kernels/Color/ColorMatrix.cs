// Why: the kernels take the matrix as an int (0/1/2); this enum names those values.
namespace Ovni.Kernels;

/// <summary>The YUV matrix coefficients of a video (ITU-R recommendation). Values are the kernels' <c>matrix</c> argument.</summary>
internal enum ColorMatrix
{
    /// <summary>BT.601 (SD): Kr = 0.299, Kb = 0.114.</summary>
    Bt601 = 0,

    /// <summary>BT.709 (HD): Kr = 0.2126, Kb = 0.0722.</summary>
    Bt709 = 1,

    /// <summary>BT.2020 non-constant luminance (UHD/HDR): Kr = 0.2627, Kb = 0.0593.</summary>
    Bt2020 = 2,
}
