// Why: CPU twins of native/kernels/color.cu's YUV -> RGBA kernels (same parameters, same integers).
namespace Ovni.Kernels;

/// <summary>
/// Conversion between YUV frame layouts and packed 8-bit RGBA (R in the lowest byte), bit-exact twins of
/// the PTX kernels in <c>native/kernels/color.cu</c>. Fixed-point BT.601/709/2020 matrices (16 fraction
/// bits), limited or full range, results rounded to nearest and clamped; YUV -> RGB sums its luma and chroma
/// terms in 1/32 code values (so the SIMD twin works in 16-bit lanes), within one code value of the real formula.
/// Chroma upsampling is nearest neighbour: pixel (x, y) of a 4:2:0 frame uses chroma sample (x/2, y/2).
/// Chroma downsampling averages each 2x2 block's R, G, B before the matrix (centre siting, as JPEG/MPEG-1;
/// content mastered with left siting, the H.264/HEVC default, gets a quarter-pixel horizontal shift of chroma);
/// on odd sizes the last column and row are replicated. All pitches are in bytes; RGBA pitches and
/// pointers must be 4-byte aligned. Nothing is allocated.
/// </summary>
internal static unsafe partial class ColorConversion
{
    /// <summary>YUV420P (three planes, chroma half size both ways) to RGBA.</summary>
    /// <param name="srcY">Luma plane, <paramref name="width"/> x <paramref name="height"/> bytes.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="srcU">U plane, ceil(width/2) x ceil(height/2).</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="srcV">V plane, ceil(width/2) x ceil(height/2).</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="dst">RGBA output, 4 bytes per pixel, alpha 255.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the source.</param>
    /// <param name="range">Code-value range of the source.</param>
    public static void Yuv420PToRgba(byte* srcY, int pitchY, byte* srcU, int pitchU, byte* srcV, int pitchV,
        byte* dst, int pitchDst, int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(srcU, pitchU, (width + 1) / 2, nameof(srcU));
        PlaneArguments.Plane(srcV, pitchV, (width + 1) / 2, nameof(srcV));
        ToRgba420<Yuv420PSampleReader>(srcY, pitchY, srcU, pitchU, srcV, pitchV, dst, pitchDst, width, height, matrix, range);
    }

    /// <summary>NV12 (luma plane + interleaved U,V plane, chroma half size both ways) to RGBA.</summary>
    /// <param name="srcY">Luma plane.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="srcUV">Interleaved chroma plane, 2 * ceil(width/2) bytes x ceil(height/2) rows.</param>
    /// <param name="pitchUV">Bytes between chroma rows.</param>
    /// <param name="dst">RGBA output.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the source.</param>
    /// <param name="range">Code-value range of the source.</param>
    public static void Nv12ToRgba(byte* srcY, int pitchY, byte* srcUV, int pitchUV, byte* dst, int pitchDst,
        int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(srcUV, pitchUV, 2 * ((width + 1) / 2), nameof(srcUV));
        ToRgba420<Nv12SampleReader>(srcY, pitchY, srcUV, pitchUV, srcUV, pitchUV, dst, pitchDst, width, height, matrix, range);
    }

    /// <summary>P010 (NV12 shape, 10-bit samples in the high bits of little-endian 16-bit words) to RGBA.</summary>
    /// <param name="srcY">Luma plane, 2 bytes per sample.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="srcUV">Interleaved chroma plane, 4 bytes per chroma pair.</param>
    /// <param name="pitchUV">Bytes between chroma rows.</param>
    /// <param name="dst">RGBA output.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the source.</param>
    /// <param name="range">Code-value range of the source (10-bit limited: Y 64..940).</param>
    public static void P010ToRgba(byte* srcY, int pitchY, byte* srcUV, int pitchUV, byte* dst, int pitchDst,
        int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(srcUV, pitchUV, 4L * ((width + 1) / 2), nameof(srcUV));
        ToRgba420<P010SampleReader>(srcY, pitchY, srcUV, pitchUV, srcUV, pitchUV, dst, pitchDst, width, height, matrix, range);
    }

    /// <summary>YUV444P (three full-size planes) to RGBA.</summary>
    /// <param name="srcY">Luma plane.</param>
    /// <param name="pitchY">Bytes between luma rows.</param>
    /// <param name="srcU">U plane, full size.</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="srcV">V plane, full size.</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="dst">RGBA output.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="matrix">YUV matrix of the source.</param>
    /// <param name="range">Code-value range of the source.</param>
    public static void Yuv444PToRgba(byte* srcY, int pitchY, byte* srcU, int pitchU, byte* srcV, int pitchV,
        byte* dst, int pitchDst, int width, int height, ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(srcU, pitchU, width, nameof(srcU));
        PlaneArguments.Plane(srcV, pitchV, width, nameof(srcV));
        PlaneArguments.Plane(srcY, pitchY, width, nameof(srcY));
        PlaneArguments.Plane(dst, pitchDst, 4L * width, nameof(dst));
        YuvToRgbCoefficients c = ColorMatrixTable.Inverse(matrix, range);
        int wideBlocks = WideKernelsAvailable ? width / 64 : 0;
        for (int y = 0; y < height; y++)
        {
            byte* yRow = srcY + ((nint)y * pitchY), uRow = srcU + ((nint)y * pitchU), vRow = srcV + ((nint)y * pitchV);
            uint* output = (uint*)(dst + ((nint)y * pitchDst));
            int x = 0;
            if (wideBlocks > 0)
            {
                ToRgba444Wide(yRow, uRow, vRow, output, wideBlocks, c);
                x = 64 * wideBlocks;
            }

            x = ToRgba444Avx2(yRow, uRow, vRow, output, x, width, c);
            x = ToRgba444Vector128(yRow, uRow, vRow, output, x, width, c);
            ToRgbaRow<Yuv444PSampleReader>(yRow, uRow, vRow, output, x, width, c);
        }
    }

    // Every tier, widest first, converts whole blocks of its width from where the wider one stopped; the scalar loop
    // finishes the row. Blocks start at even pixels, so each block's chroma starts at a whole sample.
    private static void ToRgba420<TReader>(byte* srcY, int pitchY, byte* srcU, int pitchU, byte* srcV, int pitchV,
        byte* dst, int pitchDst, int width, int height, ColorMatrix matrix, YuvRange range)
        where TReader : struct, IYuv420BlockReader
    {
        PlaneArguments.Plane(srcY, pitchY, (long)width << (TReader.ExtraBits > 0 ? 1 : 0), nameof(srcY));
        PlaneArguments.Plane(dst, pitchDst, 4L * width, nameof(dst));
        YuvToRgbCoefficients c = ColorMatrixTable.Inverse(matrix, range);
        int wideBlocks = WideKernelsAvailable ? width / 64 : 0;
        for (int cy = 0; cy < (height + 1) / 2; cy++)
        {
            int y0 = 2 * cy;
            bool second = y0 + 1 < height;
            byte* yRow0 = srcY + ((nint)y0 * pitchY), yRow1 = second ? yRow0 + pitchY : null;
            byte* uRow = srcU + ((nint)cy * pitchU), vRow = srcV + ((nint)cy * pitchV);
            uint* out0 = (uint*)(dst + ((nint)y0 * pitchDst)), out1 = (uint*)((byte*)out0 + pitchDst);
            int x = 0;
            if (wideBlocks > 0)
            {
                ToRgba420Wide<TReader>(yRow0, yRow1, uRow, vRow, out0, out1, wideBlocks, pitchY, pitchU, c);
                x = 64 * wideBlocks;
            }

            x = ToRgba420Avx2<TReader>(yRow0, yRow1, uRow, vRow, out0, out1, x, width, pitchY, pitchU, c);
            x = ToRgba420Vector128<TReader>(yRow0, yRow1, uRow, vRow, out0, out1, x, width, c);
            ToRgbaRow<TReader>(yRow0, uRow, vRow, out0, x, width, c);
            if (second)
            {
                ToRgbaRow<TReader>(yRow1, uRow, vRow, out1, x, width, c);
            }
        }
    }

    /// <summary>Scalar conversion of pixels [x, width) of one row: the tail after the vector blocks.</summary>
    private static void ToRgbaRow<TReader>(byte* yRow, byte* uRow, byte* vRow, uint* output, int x, int width, in YuvToRgbCoefficients c)
        where TReader : struct, IYuvSampleReader
    {
        for (; x < width; x++)
        {
            TReader.Chroma(uRow, vRow, x, out int u, out int v);
            output[x] = ColorMatrixTable.YuvToRgba(TReader.Luma(yRow, x), u, v, c, TReader.ExtraBits);
        }
    }
}
