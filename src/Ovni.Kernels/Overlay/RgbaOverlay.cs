// Why: CPU twin of native/kernels/overlay.cu: RGBA images (logos, captions, picture-in-picture)
// blended straight into YUV 4:2:0 planes, bit-identical to the PTX kernels.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Blends an RGBA image onto a YUV420P or NV12 frame in place, bit-exact twin of <c>native/kernels/overlay.cu</c>.
/// The overlay's top-left corner goes to luma pixel (posX, posY) (any integers, negative allowed); it is
/// clipped at all four edges. Per pixel alpha a = (A + (A &gt;&gt; 7)) * opacity &gt;&gt; 8 in 0..256
/// (opacity 256 = 1.0); premultiplied sources are un-premultiplied first, C = min(255, (C*255 + A/2) / A).
/// Luma: Y = (Yo*a + Yd*(256 - a) + 128) &gt;&gt; 8 where Yo is the overlay pixel's luma (matrix, range of the frame).
/// Chroma per 2x2 block: alpha ac = (sum of the four a + 2) &gt;&gt; 2 (pixels outside the overlay count 0);
/// overlay chroma = alpha-weighted mean of the per-pixel chroma (rounded); C = (Co*ac + Cd*(256 - ac) + 128) &gt;&gt; 8.
/// Sub-pixel positions: <see cref="ShiftSubpixel"/> the overlay by the fractional part first, then overlay the
/// result (premultiplied) at the integer part. Nothing is allocated.
/// </summary>
internal static unsafe class RgbaOverlay
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
        int opacity, bool premultiplied, ColorMatrix matrix, YuvRange range)
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
        ColorMatrix matrix, YuvRange range)
    {
        PlaneArguments.Plane(dstUV, pitchUV, 2 * ((dstWidth + 1) / 2), nameof(dstUV));
        Run(dstY, pitchY, dstUV, pitchUV, dstUV + 1, pitchUV, 2, dstWidth, dstHeight, src, pitchSrc, srcWidth, srcHeight,
            posX, posY, opacity, premultiplied, matrix, range);
    }

    /// <summary>
    /// Shifts an RGBA image right and down by (fracX, fracY)/256 pixel with bilinear weights into a
    /// (srcWidth+1) x (srcHeight+1) premultiplied RGBA image; outside the source is transparent. With weights
    /// w = fx*fy, (256-fx)*fy, fx*(256-fy), (256-fx)*(256-fy) for source pixels (x-1,y-1), (x,y-1), (x-1,y), (x,y):
    /// A = (Σ w*A + 32768) &gt;&gt; 16 and C = (Σ w*P + 255*32768) / (255*65536) where P = C*A for straight input
    /// and C*255 for premultiplied input. To place an overlay at real (px, py): shift by the fractions
    /// round((px - floor(px)) * 256), then overlay at (floor(px), floor(py)) with premultiplied = true.
    /// </summary>
    /// <param name="src">Source RGBA.</param>
    /// <param name="pitchSrc">Bytes between source rows.</param>
    /// <param name="srcWidth">Source width.</param>
    /// <param name="srcHeight">Source height.</param>
    /// <param name="dst">Output, (srcWidth+1) x (srcHeight+1) premultiplied RGBA.</param>
    /// <param name="pitchDst">Bytes between output rows.</param>
    /// <param name="fracX">Horizontal shift in 1/256 pixel, 0..256 (clamped).</param>
    /// <param name="fracY">Vertical shift in 1/256 pixel, 0..256 (clamped).</param>
    /// <param name="premultiplied">Whether the source colour is premultiplied.</param>
    public static void ShiftSubpixel(byte* src, int pitchSrc, int srcWidth, int srcHeight, byte* dst, int pitchDst,
        int fracX, int fracY, bool premultiplied)
    {
        PlaneArguments.Size(srcWidth, srcHeight);
        PlaneArguments.Plane(src, pitchSrc, 4L * srcWidth, nameof(src));
        PlaneArguments.Plane(dst, pitchDst, 4L * (srcWidth + 1), nameof(dst));
        int fx = Math.Clamp(fracX, 0, 256), fy = Math.Clamp(fracY, 0, 256);
        int w0 = fx * fy, w1 = (256 - fx) * fy, w2 = fx * (256 - fy), w3 = (256 - fx) * (256 - fy);
        for (int y = 0; y <= srcHeight; y++)
        {
            uint* above = y > 0 ? (uint*)(src + (nint)(y - 1) * pitchSrc) : null;
            uint* below = y < srcHeight ? (uint*)(src + (nint)y * pitchSrc) : null;
            uint* output = (uint*)(dst + (nint)y * pitchDst);
            for (int x = 0; x <= srcWidth; x++)
            {
                uint p0 = Texel(above, x - 1, srcWidth), p1 = Texel(above, x, srcWidth);
                uint p2 = Texel(below, x - 1, srcWidth), p3 = Texel(below, x, srcWidth);
                long alpha = ((long)w0 * (p0 >> 24)) + ((long)w1 * (p1 >> 24)) + ((long)w2 * (p2 >> 24)) + ((long)w3 * (p3 >> 24));
                uint result = (uint)((alpha + 32768) >> 16) << 24;
                for (int shift = 0; shift < 24; shift += 8)
                {
                    long colour = (w0 * Premultiplied(p0, shift, premultiplied)) + (w1 * Premultiplied(p1, shift, premultiplied))
                        + (w2 * Premultiplied(p2, shift, premultiplied)) + (w3 * Premultiplied(p3, shift, premultiplied));
                    result |= (uint)((colour + (255L * 32768)) / (255L * 65536)) << shift;
                }

                output[x] = result;
            }
        }
    }

    private static uint Texel(uint* row, int x, int width) => row != null && (uint)x < (uint)width ? row[x] : 0u;

    private static long Premultiplied(uint p, int shift, bool premultiplied) =>
        (long)((p >> shift) & 255) * (premultiplied ? 255 : (p >> 24));

    private static void Run(byte* dstY, int pitchY, byte* dstU, int pitchU, byte* dstV, int pitchV, int chromaStep,
        int dstWidth, int dstHeight, byte* src, int pitchSrc, int srcWidth, int srcHeight, int posX, int posY,
        int opacity, bool premultiplied, ColorMatrix matrix, YuvRange range)
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

        var job = new Job
        {
            DstY = dstY, PitchY = pitchY, DstU = dstU, PitchU = pitchU, DstV = dstV, PitchV = pitchV, ChromaStep = chromaStep,
            Src = src, PitchSrc = pitchSrc, PosX = posX, PosY = posY, X0 = x0, Y0 = y0, X1 = x1, Y1 = y1,
            Opacity = Math.Clamp(opacity, 0, 256), Premultiplied = premultiplied, Coefficients = ColorMatrixTable.Forward(matrix, range),
        };
        for (int cy = y0 >> 1; 2 * cy < y1; cy++)
        {
            int cx = x0 >> 1;
            // Vector path: 4 whole 2x2 blocks (8 pixels x 2 rows) at a time, where both rows are inside.
            if (Vector256.IsHardwareAccelerated && 2 * cy >= y0 && (2 * cy) + 1 < y1)
            {
                if ((x0 & 1) != 0)
                {
                    Block(job, cx++, cy);
                }

                var k = new ForwardVectors(job.Coefficients, 0);
                for (; (2 * cx) + 8 <= x1; cx += 4)
                {
                    Blocks4(job, k, cx, cy);
                }
            }
            else if (Vector128.IsHardwareAccelerated && 2 * cy >= y0 && (2 * cy) + 1 < y1)
            {
                // 128-bit units (ARM NEON, x86 without AVX2): 2 whole blocks (4 pixels x 2 rows) at a time.
                if ((x0 & 1) != 0)
                {
                    Block(job, cx++, cy);
                }

                var k = new ForwardVectors128(job.Coefficients, 0);
                for (; (2 * cx) + 4 <= x1; cx += 2)
                {
                    Blocks2(job, k, cx, cy);
                }
            }

            for (; 2 * cx < x1; cx++)
            {
                Block(job, cx, cy);
            }
        }
    }

    /// <summary>Everything one overlay call needs, so the per-block helpers take one argument.</summary>
    private readonly struct Job
    {
        public byte* DstY { get; init; }
        public int PitchY { get; init; }
        public byte* DstU { get; init; }
        public int PitchU { get; init; }
        public byte* DstV { get; init; }
        public int PitchV { get; init; }
        public int ChromaStep { get; init; }
        public byte* Src { get; init; }
        public int PitchSrc { get; init; }
        public int PosX { get; init; }
        public int PosY { get; init; }
        public int X0 { get; init; }
        public int Y0 { get; init; }
        public int X1 { get; init; }
        public int Y1 { get; init; }
        public int Opacity { get; init; }
        public bool Premultiplied { get; init; }
        public RgbToYuvCoefficients Coefficients { get; init; }
    }

    /// <summary>One chroma sample's 2x2 block, any clipping: the kernel's per-thread work, scalar.</summary>
    private static void Block(in Job job, int cx, int cy)
    {
        int alphaSum = 0, uSum = 0, vSum = 0;
        for (int j = 0; j < 2; j++)
        {
            int y = (2 * cy) + j;
            if (y < job.Y0 || y >= job.Y1)
            {
                continue;
            }

            uint* srcRow = (uint*)(job.Src + (nint)(y - job.PosY) * job.PitchSrc);
            byte* lumaRow = job.DstY + (nint)y * job.PitchY;
            for (int i = 0; i < 2; i++)
            {
                int x = (2 * cx) + i;
                if (x < job.X0 || x >= job.X1)
                {
                    continue;
                }

                BlendPixel(srcRow[x - job.PosX], lumaRow + x, job.Opacity, job.Premultiplied, job.Coefficients, ref alphaSum, ref uSum, ref vSum);
            }
        }

        if (alphaSum == 0)
        {
            return;
        }

        int uo = (uSum + (alphaSum >> 1)) / alphaSum, vo = (vSum + (alphaSum >> 1)) / alphaSum;
        int ac = (alphaSum + 2) >> 2;
        byte* u = job.DstU + (nint)cy * job.PitchU + (cx * job.ChromaStep), v = job.DstV + (nint)cy * job.PitchV + (cx * job.ChromaStep);
        *u = (byte)(((uo * ac) + (*u * (256 - ac)) + 128) >> 8);
        *v = (byte)(((vo * ac) + (*v * (256 - ac)) + 128) >> 8);
    }

    /// <summary>
    /// Blocks cx..cx+3 of chroma row cy, all 8 x 2 pixels inside. Integer divisions become float divisions:
    /// numerators below 2^24 and divisors up to 1024 make the truncated float quotient exact (a non-integer
    /// quotient is at least 1/1024 away from the next integer, far above float rounding error).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocks4(in Job job, in ForwardVectors k, int cx, int cy)
    {
        int x = 2 * cx;
        Vector256<int> alphaSum = Vector256<int>.Zero, uSum = Vector256<int>.Zero, vSum = Vector256<int>.Zero;
        Vector256<int> opacity = Vector256.Create(job.Opacity), full = Vector256.Create(256), half = Vector256.Create(128);
        for (int j = 0; j < 2; j++)
        {
            int y = (2 * cy) + j;
            Vector256<int> p = Vector256.Load((int*)(job.Src + (nint)(y - job.PosY) * job.PitchSrc) + (x - job.PosX));
            Vector256<int> a8 = Vector256.ShiftRightLogical(p, 24);
            Vector256<int> r = p & k.Byte, g = Vector256.ShiftRightLogical(p, 8) & k.Byte, b = Vector256.ShiftRightLogical(p, 16) & k.Byte;
            if (job.Premultiplied)
            {
                (r, g, b) = (Unpremultiply(r, a8), Unpremultiply(g, a8), Unpremultiply(b, a8));
            }

            Vector256<int> a = Vector256.ShiftRightArithmetic((a8 + Vector256.ShiftRightLogical(a8, 7)) * opacity, 8);
            byte* luma = job.DstY + (nint)y * job.PitchY + x;
            Vector256<int> d = VectorLoads.Bytes8(luma);
            Vector256<int> blended = Vector256.ShiftRightArithmetic((k.Luma(r, g, b) * a) + (d * (full - a)) + half, 8);
            Unsafe.WriteUnaligned(luma, VectorLoads.ToBytes8(blended));
            alphaSum += a;
            uSum += a * k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0);
            vSum += a * k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0);
        }

        alphaSum = VectorLoads.PairSums(alphaSum);
        uSum = VectorLoads.PairSums(uSum);
        vSum = VectorLoads.PairSums(vSum);
        Vector256<int> none = Vector256.Equals(alphaSum, Vector256<int>.Zero);
        Vector256<float> divisor = Vector256.ConvertToSingle(alphaSum | (none & Vector256<int>.One));
        Vector256<int> roundUp = Vector256.ShiftRightArithmetic(alphaSum, 1);
        Vector256<int> uo = Vector256.ConvertToInt32(Vector256.ConvertToSingle(uSum + roundUp) / divisor);
        Vector256<int> vo = Vector256.ConvertToInt32(Vector256.ConvertToSingle(vSum + roundUp) / divisor);
        Vector256<int> ac = Vector256.ShiftRightArithmetic(alphaSum + Vector256.Create(2), 2);

        byte* uPtr = job.DstU + (nint)cy * job.PitchU + (cx * job.ChromaStep), vPtr = job.DstV + (nint)cy * job.PitchV + (cx * job.ChromaStep);
        Vector256<int> du, dv;
        if (job.ChromaStep == 2)
        {
            Vector256<int> pairs = VectorLoads.Bytes8(uPtr);
            du = Vector256.Shuffle(pairs, Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6));
            dv = Vector256.Shuffle(pairs, Vector256.Create(1, 3, 5, 7, 1, 3, 5, 7));
        }
        else
        {
            du = VectorLoads.Bytes4(uPtr);
            dv = VectorLoads.Bytes4(vPtr);
        }

        Vector256<int> nu = Vector256.ShiftRightArithmetic((uo * ac) + (du * (full - ac)) + half, 8);
        Vector256<int> nv = Vector256.ShiftRightArithmetic((vo * ac) + (dv * (full - ac)) + half, 8);
        if (job.ChromaStep == 2)
        {
            Unsafe.WriteUnaligned(uPtr, VectorLoads.ToUInt16x8(nu | Vector256.ShiftLeft(nv, 8)).AsUInt64().ToScalar());
        }
        else
        {
            Unsafe.WriteUnaligned(uPtr, (uint)VectorLoads.ToBytes8(nu));
            Unsafe.WriteUnaligned(vPtr, (uint)VectorLoads.ToBytes8(nv));
        }
    }

    /// <summary>Blocks cx..cx+1 of chroma row cy, all 4 x 2 pixels inside: <see cref="Blocks4"/> in 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocks2(in Job job, in ForwardVectors128 k, int cx, int cy)
    {
        int x = 2 * cx;
        Vector128<int> alphaSum = Vector128<int>.Zero, uSum = Vector128<int>.Zero, vSum = Vector128<int>.Zero;
        Vector128<int> opacity = Vector128.Create(job.Opacity), full = Vector128.Create(256), half = Vector128.Create(128);
        for (int j = 0; j < 2; j++)
        {
            int y = (2 * cy) + j;
            Vector128<int> p = Vector128.Load((int*)(job.Src + (nint)(y - job.PosY) * job.PitchSrc) + (x - job.PosX));
            Vector128<int> a8 = Vector128.ShiftRightLogical(p, 24);
            Vector128<int> r = p & k.Byte, g = Vector128.ShiftRightLogical(p, 8) & k.Byte, b = Vector128.ShiftRightLogical(p, 16) & k.Byte;
            if (job.Premultiplied)
            {
                (r, g, b) = (Unpremultiply(r, a8), Unpremultiply(g, a8), Unpremultiply(b, a8));
            }

            Vector128<int> a = Vector128.ShiftRightArithmetic((a8 + Vector128.ShiftRightLogical(a8, 7)) * opacity, 8);
            byte* luma = job.DstY + (nint)y * job.PitchY + x;
            Vector128<int> d = VectorLoads.Bytes4In128(luma);
            Vector128<int> blended = Vector128.ShiftRightArithmetic((k.Luma(r, g, b) * a) + (d * (full - a)) + half, 8);
            Unsafe.WriteUnaligned(luma, VectorLoads.ToBytes4(blended));
            alphaSum += a;
            uSum += a * k.Chroma(r, g, b, k.Ur, k.Ug, k.Ub, 0);
            vSum += a * k.Chroma(r, g, b, k.Vr, k.Vg, k.Vb, 0);
        }

        Vector128<int> even = Vector128.Create(0, 2, 0, 2), odd = Vector128.Create(1, 3, 1, 3);
        alphaSum = Vector128.Shuffle(alphaSum, even) + Vector128.Shuffle(alphaSum, odd);
        uSum = Vector128.Shuffle(uSum, even) + Vector128.Shuffle(uSum, odd);
        vSum = Vector128.Shuffle(vSum, even) + Vector128.Shuffle(vSum, odd);
        Vector128<int> none = Vector128.Equals(alphaSum, Vector128<int>.Zero);
        Vector128<float> divisor = Vector128.ConvertToSingle(alphaSum | (none & Vector128<int>.One));
        Vector128<int> roundUp = Vector128.ShiftRightArithmetic(alphaSum, 1);
        Vector128<int> uo = Vector128.ConvertToInt32(Vector128.ConvertToSingle(uSum + roundUp) / divisor);
        Vector128<int> vo = Vector128.ConvertToInt32(Vector128.ConvertToSingle(vSum + roundUp) / divisor);
        Vector128<int> ac = Vector128.ShiftRightArithmetic(alphaSum + Vector128.Create(2), 2);

        byte* uPtr = job.DstU + (nint)cy * job.PitchU + (cx * job.ChromaStep), vPtr = job.DstV + (nint)cy * job.PitchV + (cx * job.ChromaStep);
        Vector128<int> du, dv;
        if (job.ChromaStep == 2)
        {
            Vector128<int> pairs = VectorLoads.Bytes4In128(uPtr);
            du = Vector128.Shuffle(pairs, even);
            dv = Vector128.Shuffle(pairs, odd);
        }
        else
        {
            du = Vector128.Create(uPtr[0], uPtr[1], 0, 0);
            dv = Vector128.Create(vPtr[0], vPtr[1], 0, 0);
        }

        Vector128<int> nu = Vector128.ShiftRightArithmetic((uo * ac) + (du * (full - ac)) + half, 8);
        Vector128<int> nv = Vector128.ShiftRightArithmetic((vo * ac) + (dv * (full - ac)) + half, 8);
        if (job.ChromaStep == 2)
        {
            Unsafe.WriteUnaligned(uPtr, Vector128.Narrow(nu | Vector128.ShiftLeft(nv, 8), nv).AsUInt32().ToScalar()); // u0 v0 u1 v1
        }
        else
        {
            Unsafe.WriteUnaligned(uPtr, (ushort)VectorLoads.ToBytes4(nu));
            Unsafe.WriteUnaligned(vPtr, (ushort)VectorLoads.ToBytes4(nv));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Unpremultiply(Vector128<int> c, Vector128<int> a8)
    {
        Vector128<int> zero = Vector128.Equals(a8, Vector128<int>.Zero), opaque = Vector128.Equals(a8, Vector128.Create(255));
        Vector128<float> divisor = Vector128.ConvertToSingle(a8 | (zero & Vector128<int>.One));
        Vector128<int> q = Vector128.ConvertToInt32(Vector128.ConvertToSingle((c * Vector128.Create(255)) + Vector128.ShiftRightArithmetic(a8, 1)) / divisor);
        q = Vector128.Min(q, Vector128.Create(255));
        return Vector128.ConditionalSelect(opaque, c, Vector128.AndNot(q, zero));
    }

    /// <summary>min(255, (c*255 + a/2) / a) where 0 &lt; a &lt; 255; 0 where a = 0; c where a = 255 (exact in float).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Unpremultiply(Vector256<int> c, Vector256<int> a8)
    {
        Vector256<int> zero = Vector256.Equals(a8, Vector256<int>.Zero), opaque = Vector256.Equals(a8, Vector256.Create(255));
        Vector256<float> divisor = Vector256.ConvertToSingle(a8 | (zero & Vector256<int>.One));
        Vector256<int> q = Vector256.ConvertToInt32(Vector256.ConvertToSingle((c * Vector256.Create(255)) + Vector256.ShiftRightArithmetic(a8, 1)) / divisor);
        q = Vector256.Min(q, Vector256.Create(255));
        return Vector256.ConditionalSelect(opaque, c, Vector256.AndNot(q, zero));
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
