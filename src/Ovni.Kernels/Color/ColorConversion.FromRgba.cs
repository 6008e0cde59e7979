// Why: CPU twins of native/kernels/color.cu's RGBA -> YUV kernels (same parameters, same integers).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

internal static unsafe partial class ColorConversion
{
    /// <summary>RGBA to YUV420P; alpha is ignored. Chroma of each 2x2 block is that of its average colour.</summary>
    /// <param name="src">RGBA input.</param>
    /// <param name="pitchSrc">Bytes between input rows.</param>
    /// <param name="dstY">Luma output.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstU">U output, ceil(width/2) x ceil(height/2).</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="dstV">V output, ceil(width/2) x ceil(height/2).</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the output.</param>
    /// <param name="range">Code-value range of the output.</param>
    public static void RgbaToYuv420P(byte* src, int pitchSrc, byte* dstY, int pitchY, byte* dstU, int pitchU,
        byte* dstV, int pitchV, int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(dstY, pitchY, width, nameof(dstY));
        PlaneArguments.Plane(dstU, pitchU, (width + 1) / 2, nameof(dstU));
        PlaneArguments.Plane(dstV, pitchV, (width + 1) / 2, nameof(dstV));
        From420<Yuv420PSampleWriter>(src, pitchSrc, dstY, pitchY, dstU, pitchU, dstV, pitchV, width, height, matrix, range);
    }

    /// <summary>RGBA to NV12; alpha is ignored.</summary>
    /// <param name="src">RGBA input.</param>
    /// <param name="pitchSrc">Bytes between input rows.</param>
    /// <param name="dstY">Luma output.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstUV">Interleaved chroma output, 2 * ceil(width/2) bytes x ceil(height/2) rows.</param>
    /// <param name="pitchUV">Bytes between chroma rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the output.</param>
    /// <param name="range">Code-value range of the output.</param>
    public static void RgbaToNv12(byte* src, int pitchSrc, byte* dstY, int pitchY, byte* dstUV, int pitchUV,
        int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(dstY, pitchY, width, nameof(dstY));
        PlaneArguments.Plane(dstUV, pitchUV, 2 * ((width + 1) / 2), nameof(dstUV));
        From420<Nv12SampleWriter>(src, pitchSrc, dstY, pitchY, dstUV, pitchUV, dstUV, pitchUV, width, height, matrix, range);
    }

    /// <summary>RGBA to P010 (10-bit values in the high bits of 16-bit words); alpha is ignored.</summary>
    /// <param name="src">RGBA input.</param>
    /// <param name="pitchSrc">Bytes between input rows.</param>
    /// <param name="dstY">Luma output, 2 bytes per sample.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstUV">Interleaved chroma output, 4 bytes per chroma pair.</param>
    /// <param name="pitchUV">Bytes between chroma rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the output.</param>
    /// <param name="range">Code-value range of the output.</param>
    public static void RgbaToP010(byte* src, int pitchSrc, byte* dstY, int pitchY, byte* dstUV, int pitchUV,
        int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(dstY, pitchY, 2L * width, nameof(dstY));
        PlaneArguments.Plane(dstUV, pitchUV, 4L * ((width + 1) / 2), nameof(dstUV));
        From420<P010SampleWriter>(src, pitchSrc, dstY, pitchY, dstUV, pitchUV, dstUV, pitchUV, width, height, matrix, range);
    }

    /// <summary>RGBA to YUV444P; alpha is ignored.</summary>
    /// <param name="src">RGBA input.</param>
    /// <param name="pitchSrc">Bytes between input rows.</param>
    /// <param name="dstY">Luma output.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="dstU">U output, full size.</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="dstV">V output, full size.</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the output.</param>
    /// <param name="range">Code-value range of the output.</param>
    public static void RgbaToYuv444P(byte* src, int pitchSrc, byte* dstY, int pitchY, byte* dstU, int pitchU,
        byte* dstV, int pitchV, int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(src, pitchSrc, 4L * width, nameof(src));
        PlaneArguments.Plane(dstY, pitchY, width, nameof(dstY));
        PlaneArguments.Plane(dstU, pitchU, width, nameof(dstU));
        PlaneArguments.Plane(dstV, pitchV, width, nameof(dstV));
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(matrix, range);
        for (int y = 0; y < height; y++)
        {
            To444Row((uint*)(src + (nint)y * pitchSrc), dstY + (nint)y * pitchY, dstU + (nint)y * pitchU, dstV + (nint)y * pitchV, width, c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void To444Row(uint* input, byte* yRow, byte* uRow, byte* vRow, int width, in RgbToYuvCoefficients c)
    {
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var k = new ForwardVectors(c, 0);
            for (; x <= width - 8; x += 8)
            {
                Vector256<int> p = Vector256.Load((int*)input + x);
                Vector256<int> r = p & k.Byte, g = Vector256.ShiftRightLogical(p, 8) & k.Byte, b = Vector256.ShiftRightLogical(p, 16) & k.Byte;
                Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes8(k.Luma(r, g, b)));
                Unsafe.WriteUnaligned(uRow + x, VectorLoads.ToBytes8(k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0)));
                Unsafe.WriteUnaligned(vRow + x, VectorLoads.ToBytes8(k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0)));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var k = new ForwardVectors128(c, 0);
            for (; x <= width - 4; x += 4)
            {
                Vector128<int> p = Vector128.Load((int*)input + x);
                Vector128<int> r = p & k.Byte, g = Vector128.ShiftRightLogical(p, 8) & k.Byte, b = Vector128.ShiftRightLogical(p, 16) & k.Byte;
                Unsafe.WriteUnaligned(yRow + x, VectorLoads.ToBytes4(k.Luma(r, g, b)));
                Unsafe.WriteUnaligned(uRow + x, VectorLoads.ToBytes4(k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0)));
                Unsafe.WriteUnaligned(vRow + x, VectorLoads.ToBytes4(k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0)));
            }
        }

        for (; x < width; x++)
        {
            uint p = input[x];
            int r = (int)(p & 255), g = (int)((p >> 8) & 255), b = (int)((p >> 16) & 255);
            yRow[x] = (byte)ColorMatrixTable.Luma(r, g, b, c, 0);
            uRow[x] = (byte)ColorMatrixTable.Chroma(r, g, b, c.Ur, c.Ug, c.Ub, 0, 0);
            vRow[x] = (byte)ColorMatrixTable.Chroma(r, g, b, c.Vr, c.Vg, c.Vb, 0, 0);
        }
    }

    private static void From420<TWriter>(byte* src, int pitchSrc, byte* dstY, int pitchY, byte* dstU, int pitchU,
        byte* dstV, int pitchV, int width, int height, ColorMatrix matrix, YuvRange range)
        where TWriter : struct, IYuv420SampleWriter
    {
        PlaneArguments.Plane(src, pitchSrc, 4L * width, nameof(src));
        RgbToYuvCoefficients c = ColorMatrixTable.Forward(matrix, range);
        for (int cy = 0; cy < (height + 1) / 2; cy++)
        {
            int y0 = 2 * cy, y1 = Math.Min(y0 + 1, height - 1);
            From420Row<TWriter>((uint*)(src + (nint)y0 * pitchSrc), (uint*)(src + (nint)y1 * pitchSrc),
                dstY + (nint)y0 * pitchY, dstY + (nint)y1 * pitchY, dstU + (nint)cy * pitchU, dstV + (nint)cy * pitchV, width, c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void From420Row<TWriter>(uint* in0, uint* in1, byte* yRow0, byte* yRow1, byte* uRow, byte* vRow,
        int width, in RgbToYuvCoefficients c)
        where TWriter : struct, IYuv420SampleWriter
    {
        int extra = TWriter.ExtraBits;
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var k = new ForwardVectors(c, extra);
            for (; x <= width - 8; x += 8)
            {
                Vector256<int> p0 = Vector256.Load((int*)in0 + x), p1 = Vector256.Load((int*)in1 + x);
                Vector256<int> r0 = p0 & k.Byte, g0 = Vector256.ShiftRightLogical(p0, 8) & k.Byte, b0 = Vector256.ShiftRightLogical(p0, 16) & k.Byte;
                Vector256<int> r1 = p1 & k.Byte, g1 = Vector256.ShiftRightLogical(p1, 8) & k.Byte, b1 = Vector256.ShiftRightLogical(p1, 16) & k.Byte;
                TWriter.Luma8(yRow0, x, k.Luma(r0, g0, b0));
                TWriter.Luma8(yRow1, x, k.Luma(r1, g1, b1));
                Vector256<int> sr = VectorLoads.PairSums(r0 + r1), sg = VectorLoads.PairSums(g0 + g1), sb = VectorLoads.PairSums(b0 + b1);
                TWriter.Chroma4(uRow, vRow, x >> 1, k.Chroma(sr, sg, sb, k.Ur, k.Ug, k.Ub, 2), k.Chroma(sr, sg, sb, k.Vr, k.Vg, k.Vb, 2));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var k = new ForwardVectors128(c, extra);
            Vector128<int> even = Vector128.Create(0, 2, 0, 2), odd = Vector128.Create(1, 3, 1, 3);
            for (; x <= width - 4; x += 4)
            {
                Vector128<int> p0 = Vector128.Load((int*)in0 + x), p1 = Vector128.Load((int*)in1 + x);
                Vector128<int> r0 = p0 & k.Byte, g0 = Vector128.ShiftRightLogical(p0, 8) & k.Byte, b0 = Vector128.ShiftRightLogical(p0, 16) & k.Byte;
                Vector128<int> r1 = p1 & k.Byte, g1 = Vector128.ShiftRightLogical(p1, 8) & k.Byte, b1 = Vector128.ShiftRightLogical(p1, 16) & k.Byte;
                TWriter.Luma4(yRow0, x, k.Luma(r0, g0, b0));
                TWriter.Luma4(yRow1, x, k.Luma(r1, g1, b1));
                Vector128<int> r = r0 + r1, g = g0 + g1, b = b0 + b1;
                Vector128<int> sr = Vector128.Shuffle(r, even) + Vector128.Shuffle(r, odd);
                Vector128<int> sg = Vector128.Shuffle(g, even) + Vector128.Shuffle(g, odd);
                Vector128<int> sb = Vector128.Shuffle(b, even) + Vector128.Shuffle(b, odd);
                TWriter.Chroma2(uRow, vRow, x >> 1, k.Chroma(sr, sg, sb, k.Ur, k.Ug, k.Ub, 2), k.Chroma(sr, sg, sb, k.Vr, k.Vg, k.Vb, 2));
            }
        }

        for (int cx = x >> 1; cx < (width + 1) >> 1; cx++)
        {
            int xa = 2 * cx, xb = Math.Min(xa + 1, width - 1);
            uint p00 = in0[xa], p01 = in0[xb], p10 = in1[xa], p11 = in1[xb];
            TWriter.Luma(yRow0, xa, LumaOf(p00, c, extra));
            TWriter.Luma(yRow0, xb, LumaOf(p01, c, extra));
            TWriter.Luma(yRow1, xa, LumaOf(p10, c, extra));
            TWriter.Luma(yRow1, xb, LumaOf(p11, c, extra));
            int sr = (int)((p00 & 255) + (p01 & 255) + (p10 & 255) + (p11 & 255));
            int sg = (int)(((p00 >> 8) & 255) + ((p01 >> 8) & 255) + ((p10 >> 8) & 255) + ((p11 >> 8) & 255));
            int sb = (int)(((p00 >> 16) & 255) + ((p01 >> 16) & 255) + ((p10 >> 16) & 255) + ((p11 >> 16) & 255));
            TWriter.Chroma(uRow, vRow, cx,
                ColorMatrixTable.Chroma(sr, sg, sb, c.Ur, c.Ug, c.Ub, 2, extra),
                ColorMatrixTable.Chroma(sr, sg, sb, c.Vr, c.Vg, c.Vb, 2, extra));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LumaOf(uint p, in RgbToYuvCoefficients c, int extra) =>
        ColorMatrixTable.Luma((int)(p & 255), (int)((p >> 8) & 255), (int)((p >> 16) & 255), c, extra);
}
