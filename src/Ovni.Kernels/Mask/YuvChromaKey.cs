// Why: CPU twin of ovni_chroma_key_yuv_alpha: green-screen keying with FFmpeg's chromakey function, so a key tuned
// on an ffmpeg command line behaves the same in Ovni.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels;

/// <summary>
/// Chroma key of a YUV picture into the alpha channel of an RGBA frame of the same size, the function of FFmpeg's
/// <c>chromakey</c> filter: for luma pixel (x, y) the chroma under each pixel of its 3×3 neighbourhood (coordinates
/// clamped to the frame), diff = Σ sqrt((du² + dv²) / (255² · 2)) / 9, alpha = trunc(clamp((diff − similarity) /
/// blend, 0, 1) · 255), or a hard 0/255 when blend ≤ 0.0001. Only alpha is written. Bit-exact twin of the kernel.
/// </summary>
internal static unsafe class YuvChromaKey
{
    /// <summary>The key colour's U and V as FFmpeg's chromakey derives them from RGB (BT.601, 10-bit fixed point).</summary>
    public static (int U, int V) KeyChroma(byte r, byte g, byte b)
    {
        // Coefficients in 1/1024, rounded to nearest like lrint; bias (1 << 9) - 1 before the shift.
        const int UR = -173, UG = -339, UB = 512, VR = 512, VG = -429, VB = -83;
        int u = ((UR * r + UG * g + UB * b + (1 << 9) - 1) >> 10) + 128;
        int v = ((VR * r + VG * g + VB * b + (1 << 9) - 1) >> 10) + 128;
        return (u, v);
    }

    /// <summary>Writes the key's alpha for every pixel.</summary>
    /// <param name="u">U plane.</param>
    /// <param name="pitchU">Bytes between U rows.</param>
    /// <param name="v">V plane.</param>
    /// <param name="pitchV">Bytes between V rows.</param>
    /// <param name="width">Luma width.</param>
    /// <param name="height">Luma height.</param>
    /// <param name="subX">Horizontal chroma subsampling (log2).</param>
    /// <param name="subY">Vertical chroma subsampling (log2).</param>
    /// <param name="rgba">RGBA frame whose alpha bytes are written.</param>
    /// <param name="pitchRgba">Bytes between RGBA rows.</param>
    /// <param name="keyU">Key U (from <see cref="KeyChroma"/>).</param>
    /// <param name="keyV">Key V.</param>
    /// <param name="similarity">0.01 (only the key) .. 1 (everything).</param>
    /// <param name="blend">0 (hard) .. 1.</param>
    public static void KeyAlpha(byte* u, int pitchU, byte* v, int pitchV, int width, int height, int subX, int subY,
        byte* rgba, int pitchRgba, int keyU, int keyV, float similarity, float blend)
    {
        PlaneArguments.Size(width, height);
        PlaneArguments.Plane(rgba, pitchRgba, 4L * width, nameof(rgba));
        PlaneArguments.Plane(u, pitchU, (width + (1 << subX) - 1) >> subX, nameof(u));
        PlaneArguments.Plane(v, pitchV, (width + (1 << subX) - 1) >> subX, nameof(v));
        double s = similarity, bl = blend;
        bool soft = bl > 0.0001;
        int cw = (width + (1 << subX) - 1) >> subX, ch = (height + (1 << subY) - 1) >> subY;
        ChromaKeyScratch scratch = ChromaKeyScratch.For(cw * ch, width);
        fixed (double* dist = scratch.Distances, e0 = scratch.Expanded[0], e1 = scratch.Expanded[1], e2 = scratch.Expanded[2], diff = scratch.Diff)
        {
            // Each chroma sample's term once (the kernel recomputes it per neighbour: the same IEEE value either way).
            for (int cy = 0; cy < ch; cy++)
                for (int cx = 0; cx < cw; cx++)
                {
                    int du = u[(nint)cy * pitchU + cx] - keyU, dv = v[(nint)cy * pitchV + cx] - keyV;
                    dist[(cy * cw) + cx] = Math.Sqrt((double)((du * du) + (dv * dv)) / (255.0 * 255.0 * 2));
                }
            double** rows = stackalloc double*[3];
            rows[0] = e0; rows[1] = e1; rows[2] = e2;
            int* built = stackalloc int[3];
            built[0] = built[1] = built[2] = -1;
            for (int y = 0; y < height; y++)
            {
                // The three neighbour rows' terms at luma resolution, one column of edge padding each side.
                double* r0 = Row(Math.Clamp(y - 1, 0, height - 1) >> subY, dist, cw, width, subX, rows, built);
                double* r1 = Row(y >> subY, dist, cw, width, subX, rows, built);
                double* r2 = Row(Math.Clamp(y + 1, 0, height - 1) >> subY, dist, cw, width, subX, rows, built);
                int x = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; x <= width - 8; x += 8)
                    {
                        // Same additions in the same order as the kernel: row by row, left to right.
                        Vector512<double> acc = Vector512.Load(r0 + x) + Vector512.Load(r0 + x + 1);
                        acc += Vector512.Load(r0 + x + 2);
                        acc += Vector512.Load(r1 + x); acc += Vector512.Load(r1 + x + 1); acc += Vector512.Load(r1 + x + 2);
                        acc += Vector512.Load(r2 + x); acc += Vector512.Load(r2 + x + 1); acc += Vector512.Load(r2 + x + 2);
                        (acc / Vector512.Create(9.0)).Store(diff + x);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; x <= width - 4; x += 4)
                    {
                        Vector256<double> acc = Vector256.Load(r0 + x) + Vector256.Load(r0 + x + 1);
                        acc += Vector256.Load(r0 + x + 2);
                        acc += Vector256.Load(r1 + x); acc += Vector256.Load(r1 + x + 1); acc += Vector256.Load(r1 + x + 2);
                        acc += Vector256.Load(r2 + x); acc += Vector256.Load(r2 + x + 1); acc += Vector256.Load(r2 + x + 2);
                        (acc / Vector256.Create(9.0)).Store(diff + x);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    for (; x <= width - 2; x += 2)
                    {
                        Vector128<double> acc = Vector128.Load(r0 + x) + Vector128.Load(r0 + x + 1);
                        acc += Vector128.Load(r0 + x + 2);
                        acc += Vector128.Load(r1 + x); acc += Vector128.Load(r1 + x + 1); acc += Vector128.Load(r1 + x + 2);
                        acc += Vector128.Load(r2 + x); acc += Vector128.Load(r2 + x + 1); acc += Vector128.Load(r2 + x + 2);
                        (acc / Vector128.Create(9.0)).Store(diff + x);
                    }
                }
                for (; x < width; x++)
                {
                    double d = 0.0;
                    d += r0[x]; d += r0[x + 1]; d += r0[x + 2];
                    d += r1[x]; d += r1[x + 1]; d += r1[x + 2];
                    d += r2[x]; d += r2[x + 1]; d += r2[x + 2];
                    diff[x] = d / 9.0;
                }
                byte* output = rgba + (nint)y * pitchRgba;
                for (x = 0; x < width; x++)
                {
                    double d = diff[x];
                    output[(4 * x) + 3] = (byte)(soft ? (int)(Math.Clamp((d - s) / bl, 0.0, 1.0) * 255.0) : d > s ? 255 : 0);
                }
            }
        }
    }

    // The expanded row of chroma row sy: reused when a slot holds it, else built in the slot of the oldest row.
    private static double* Row(int sy, double* dist, int cw, int width, int subX, double** rows, int* built)
    {
        for (int k = 0; k < 3; k++)
            if (built[k] == sy) return rows[k];
        // Replace a slot no current neighbour row uses: the rows move down one chroma row at a time.
        int slot = 0;
        for (int k = 0; k < 3; k++)
            if (built[k] < built[slot]) slot = k;
        double* row = rows[slot];
        double* source = dist + ((nint)sy * cw);
        for (int i = 0; i < width + 2; i++)
            row[i] = source[Math.Clamp(i - 1, 0, width - 1) >> subX];
        built[slot] = sy;
        return row;
    }
}
