// Why: the kernels take a colour matrix and range; frames carry tags (or none). Deriving the one from the other, and an
// RgbaColor's Y, U, V under them, is defined here once so every operation and both backends use the same numbers.
using Ovni.Kernels;

namespace Ovni.Operations;

/// <summary>Kernel colour parameters of frames and colours.</summary>
internal static class FrameColors
{
    /// <summary>The kernel matrix of a frame: its tag, or BT.709 for HD and BT.601 for SD when untagged.</summary>
    public static ColorMatrix MatrixOf(GpuFrame frame) => MatrixOf(frame.Color, frame.Width, frame.Height);

    /// <summary>The kernel matrix for colour tags and a frame size.</summary>
    public static ColorMatrix MatrixOf(ColorInfo color, int width, int height) => color.Matrix switch
    {
        1 => ColorMatrix.Bt709,
        5 or 6 => ColorMatrix.Bt601,
        9 or 10 => ColorMatrix.Bt2020,
        _ => width >= 1280 || height >= 720 ? ColorMatrix.Bt709 : ColorMatrix.Bt601,
    };

    /// <summary>The kernel range of a frame: full when tagged full or a yuvj format, otherwise limited.</summary>
    public static YuvRange RangeOf(GpuFrame frame) =>
        FullRangeFormats.IsFullRange(frame) ? YuvRange.Full : YuvRange.Limited;

    /// <summary>The colour's 8-bit Y, U, V under <paramref name="frame"/>'s matrix and range.</summary>
    public static (int Y, int U, int V) ToYuv(this RgbaColor color, GpuFrame frame) => color.ToYuv(MatrixOf(frame), RangeOf(frame));

    /// <summary>
    /// The colour's 8-bit Y, U, V: with Kr, Kb of <paramref name="matrix"/>, Y' = Kr R + (1-Kr-Kb) G + Kb B (0..1),
    /// limited range Y = 16 + 219 Y', C = 128 + 224 (B-Y')/(2(1-Kb)) (resp. R-Y', 1-Kr); full range 255 and 255.
    /// Rounded half away from zero and clamped to 0..255. Alpha is ignored.
    /// </summary>
    public static (int Y, int U, int V) ToYuv(this RgbaColor color, ColorMatrix matrix, YuvRange range) =>
        FromUnitRgb(color.R / 255.0, color.G / 255.0, color.B / 255.0, matrix, range);

    /// <summary>The same conversion for R, G, B in 0..1 (e.g. the average of the pixels a chroma sample covers).</summary>
    public static (int Y, int U, int V) FromUnitRgb(double r, double g, double b, ColorMatrix matrix, YuvRange range)
    {
        (double kr, double kb) = matrix switch
        {
            ColorMatrix.Bt601 => (0.299, 0.114),
            ColorMatrix.Bt2020 => (0.2627, 0.0593),
            _ => (0.2126, 0.0722),
        };
        double y = (kr * r) + ((1 - kr - kb) * g) + (kb * b);
        double cb = (b - y) / (2 * (1 - kb)), cr = (r - y) / (2 * (1 - kr));
        bool full = range == YuvRange.Full;
        double yy = full ? 255 * y : 16 + (219 * y);
        double uu = 128 + ((full ? 255 : 224) * cb);
        double vv = 128 + ((full ? 255 : 224) * cr);
        return (Code(yy), Code(uu), Code(vv));
    }

    private static int Code(double value) => Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), 0, 255);
}
