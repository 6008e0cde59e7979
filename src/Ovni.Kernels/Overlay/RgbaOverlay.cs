// Why: CPU twin of native/kernels/overlay.cu: RGBA images (logos, captions, picture-in-picture)
// blended straight into YUV 4:2:0 planes, bit-identical to the PTX kernels.
using System.Runtime.CompilerServices;

namespace Ovni.Kernels;

/// <summary>
/// Blends an RGBA image onto a YUV420P or NV12 frame in place, bit-exact twin of <c>native/kernels/overlay.cu</c>.
/// The overlay's top-left corner goes to luma pixel (posX, posY) (any integers, negative allowed); it is
/// clipped at all four edges. Per pixel alpha a = (A + (A &gt;&gt; 7)) * opacity &gt;&gt; 8 in 0..256
/// (opacity 256 = 1.0); premultiplied sources are un-premultiplied first, C = min(255, (C*255 + A/2) / A).
/// Luma: Y = (Yo*a + Yd*(256 - a) + 128) &gt;&gt; 8 where Yo is the overlay pixel's luma (matrix, range of the frame).
/// Chroma per 2x2 block: alpha ac = (sum of the four a + 2) &gt;&gt; 2 (pixels outside the overlay count 0);
/// overlay chroma = alpha-weighted mean of the per-pixel chroma (rounded); C = (Co*ac + Cd*(256 - ac) + 128) &gt;&gt; 8.
/// Integer positions only. Nothing is allocated.
/// </summary>
public static unsafe class RgbaOverlay
{
    /// <summary>Overlay onto a YUV420P frame.</summary>
    /// <param name="dstY">Frame luma plane (modified in place).</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstU">Frame U plane.</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="dstV">Frame V plane.</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="dstWidth">Frame width in pixels.</param>
    /// <param name="dstHeight">Frame height in pixels.</param>
    /// <param name="src">Overlay RGBA pixels (R in the lowest byte, 4-byte aligned rows).</param>
    /// <param name="pitchSrc">Bytes between overlay rows.</param>
    /// <param name="srcWidth">Overlay width.</param>
    /// <param name="srcHeight">Overlay height.</param>
    /// <param name="posX">Frame column of the overlay's left edge.</param>
    /// <param name="posY">Frame row of the overlay's top edge.</param>
    /// <param name="opacity">Global opacity, 0..256 (256 = opaque); clamped.</param>
    /// <param name="premultiplied">Whether the overlay's colour is premultiplied by its alpha.</param>
    /// <param name="matrix">YUV matrix of the frame.</param>
    /// <param name="range">Code-value range of the frame.</param>
    public static void OverlayRgbaYuv420P(byte* dstY, int pitchY, byte* dstU, int pitchU, byte* dstV, int pitchV,
        int dstWidth, int dstHeight, byte* src, int pitchSrc, int srcWidth, int srcHeight, int posX, int posY,
        int opacity, bool premultiplied, ColorMatrix matrix, ColorRange range)
    {
        PlaneArguments.Plane(dstU, pitchU, (dstWidth + 1) / 2, nameof(dstU));
        PlaneArguments.Plane(dstV, pitchV, (dstWidth + 1) / 2, nameof(dstV));
        Run(dstY, pitchY, dstU, pitchU, dstV, pitchV, 1, dstWidth, dstHeight, src, pitchSrc, srcWidth, srcHeight,
            posX, posY, opacity, premultiplied, matrix, range);
    }

    /// <summary>Overlay onto an NV12 frame.</summary>
    /// <param name="dstY">Frame luma plane (modified in place).</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstUV">Frame interleaved chroma plane.</param>
    /// <param name="pitchUV">Bytes between chroma rows.</param>
    /// <param name="dstWidth">Frame width in pixels.</param>
    /// <param name="dstHeight">Frame height in pixels.</param>
    /// <param name="src">Overlay RGBA pixels (R in the lowest byte, 4-byte aligned rows).</param>
    /// <param name="pitchSrc">Bytes between overlay rows.</param>
    /// <param name="srcWidth">Overlay width.</param>
    /// <param name="srcHeight">Overlay height.</param>
    /// <param name="posX">Frame column of the overlay's left edge.</param>
    /// <param name="posY">Frame row of the overlay's top edge.</param>
    /// <param name="opacity">Global opacity, 0..256 (256 = opaque); clamped.</param>
    /// <param name="premultiplied">Whether the overlay's colour is premultiplied by its alpha.</param>
    /// <param name="matrix">YUV matrix of the frame.</param>
    /// <param name="range">Code-value range of the frame.</param>
    public static void OverlayRgbaNv12(byte* dstY, int pitchY, byte* dstUV, int pitchUV, int dstWidth, int dstHeight,
        byte* src, int pitchSrc, int srcWidth, int srcHeight, int posX, int posY, int opacity, bool premultiplied,
        ColorMatrix matrix, ColorRange range)
    {
        PlaneArguments.Plane(dstUV, pitchUV, 2 * ((dstWidth + 1) / 2), nameof(dstUV));
        Run(dstY, pitchY, dstUV, pitchUV, dstUV + 1, pitchUV, 2, dstWidth, dstHeight, src, pitchSrc, srcWidth, srcHeight,
            posX, posY, opacity, premultiplied, matrix, range);
    }

    private static void Run(byte* dstY, int pitchY, byte* dstU, int pitchU, byte* dstV, int pitchV, int chromaStep,
        int dstWidth, int dstHeight, byte* src, int pitchSrc, int srcWidth, int srcHeight, int posX, int posY,
        int opacity, bool premultiplied, ColorMatrix matrix, ColorRange range)
    {
        PlaneArguments.Size(dstWidth, dstHeight);
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Plane(dstY, pitchY, dstWidth, nameof(dstY));
        PlaneArguments.Plane(src, pitchSrc, 4L * srcWidth, nameof(src));
        int x0 = Math.Max(posX, 0), y0 = Math.Max(posY, 0);
        int x1 = (int)Math.Min((long)posX + srcWidth, dstWidth), y1 = (int)Math.Min((long)posY + srcHeight, dstHeight);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        opacity = Math.Clamp(opacity, 0, 256);
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(matrix, range);
        for (int cy = y0 >> 1; 2 * cy < y1; cy++)
        {
            byte* uRow = dstU + (nint)cy * pitchU, vRow = dstV + (nint)cy * pitchV;
            for (int cx = x0 >> 1; 2 * cx < x1; cx++)
            {
                int alphaSum = 0, uSum = 0, vSum = 0;
                for (int j = 0; j < 2; j++)
                {
                    int y = (2 * cy) + j;
                    if (y < y0 || y >= y1)
                    {
                        continue;
                    }

                    uint* srcRow = (uint*)(src + (nint)(y - posY) * pitchSrc);
                    byte* lumaRow = dstY + (nint)y * pitchY;
                    for (int i = 0; i < 2; i++)
                    {
                        int x = (2 * cx) + i;
                        if (x < x0 || x >= x1)
                        {
                            continue;
                        }

                        BlendPixel(srcRow[x - posX], lumaRow + x, opacity, premultiplied, c, ref alphaSum, ref uSum, ref vSum);
                    }
                }

                if (alphaSum == 0)
                {
                    continue;
                }

                int uo = (uSum + (alphaSum >> 1)) / alphaSum, vo = (vSum + (alphaSum >> 1)) / alphaSum;
                int ac = (alphaSum + 2) >> 2;
                byte* u = uRow + (cx * chromaStep), v = vRow + (cx * chromaStep);
                *u = (byte)(((uo * ac) + (*u * (256 - ac)) + 128) >> 8);
                *v = (byte)(((vo * ac) + (*v * (256 - ac)) + 128) >> 8);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlendPixel(uint p, byte* luma, int opacity, bool premultiplied, in RgbToYuvCoefficients c,
        ref int alphaSum, ref int uSum, ref int vSum)
    {
        int a8 = (int)(p >> 24);
        int r = (int)(p & 255), g = (int)((p >> 8) & 255), b = (int)((p >> 16) & 255);
        if (premultiplied && a8 < 255)
        {
            if (a8 == 0)
            {
                r = g = b = 0;
            }
            else
            {
                r = Math.Min(((r * 255) + (a8 >> 1)) / a8, 255);
                g = Math.Min(((g * 255) + (a8 >> 1)) / a8, 255);
                b = Math.Min(((b * 255) + (a8 >> 1)) / a8, 255);
            }
        }

        int a = ((a8 + (a8 >> 7)) * opacity) >> 8;
        *luma = (byte)(((ColorMatrixTable.Luma(r, g, b, c, 0) * a) + (*luma * (256 - a)) + 128) >> 8);
        alphaSum += a;
        uSum += a * ColorMatrixTable.Chroma(r, g, b, c.Ur, c.Ug, c.Ub, 0, 0);
        vSum += a * ColorMatrixTable.Chroma(r, g, b, c.Vr, c.Vg, c.Vb, 0, 0);
    }
}
