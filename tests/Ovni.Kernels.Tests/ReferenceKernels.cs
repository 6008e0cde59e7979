// Why: a plain, slow, scalar statement of each kernel's documented arithmetic, written independently of
// Ovni.Kernels (own coefficient derivation, floor division instead of shifts, no shared helpers), so the
// SIMD twins are checked against the documentation and not only against the .cu port.
namespace Ovni.Kernels.Tests;

internal static class ReferenceKernels
{
    private const int One = 65536;

    public static (double Kr, double Kb) Weights(ColorMatrix m) => m switch
    {
        ColorMatrix.Bt709 => (0.2126, 0.0722),
        ColorMatrix.Bt2020 => (0.2627, 0.0593),
        _ => (0.299, 0.114),
    };

    /// <summary>Forward matrix per the documented rule: round(c * 65536), middle term absorbs the rounding.</summary>
    public static int[] ForwardCoefficients(ColorMatrix m, YuvRange range)
    {
        (double kr, double kb) = Weights(m);
        double kg = 1 - kr - kb;
        double ys = range == YuvRange.Full ? 1 : 219.0 / 255, cs = range == YuvRange.Full ? 1 : 224.0 / 255;
        int yr = R(kr * ys), yb = R(kb * ys), yg = R(ys) - yr - yb;
        int ur = R(-kr / (2 * (1 - kb)) * cs), ub = R(0.5 * cs), ug = -(ur + ub);
        int vr = R(0.5 * cs), vb = R(-kb / (2 * (1 - kr)) * cs), vg = -(vr + vb);
        _ = kg;
        return [yr, yg, yb, ur, ug, ub, vr, vg, vb, range == YuvRange.Full ? 0 : 16];
    }

    public static int[] InverseCoefficients(ColorMatrix m, YuvRange range)
    {
        (double kr, double kb) = Weights(m);
        double kg = 1 - kr - kb;
        double ys = range == YuvRange.Full ? 1 : 219.0 / 255, cs = range == YuvRange.Full ? 1 : 224.0 / 255;
        return [R(1 / ys), R(2 * (1 - kr) / cs), R(2 * (1 - kb) * kb / kg / cs), R(2 * (1 - kr) * kr / kg / cs), R(2 * (1 - kb) / cs),
            range == YuvRange.Full ? 0 : 16];
    }

    private static int R(double v) => (int)Math.Round(v * One, MidpointRounding.AwayFromZero);

    /// <summary>floor(a / 2^bits) + rounding half up: (a + 2^(bits-1)) div 2^bits, floored.</summary>
    public static int RoundDiv(long a, int bits)
    {
        long d = 1L << bits;
        return (int)Math.Floor((double)(a + (d / 2)) / d);
    }

    public static int Clamp(int v, int max) => v < 0 ? 0 : v > max ? max : v;

    /// <summary>
    /// YUV -> RGB as documented in ovni_color.h: in 1/32 code values, each term the sample at 16-bit scale times
    /// round(coefficient / 8) / 2^16, floored, plus per channel the floored constant (rounding half, luma offset,
    /// chroma centring); the sum floored to a code value.
    /// </summary>
    public static (int R, int G, int B) YuvToRgb(int y, int u, int v, int bits, int[] k)
    {
        long Term(int sample, int coefficient) =>
            FloorDiv(sample * (1L << (16 - bits)) * (long)Math.Round(coefficient / 8.0, MidpointRounding.AwayFromZero), 1L << 16);
        long Constant(long chroma) => FloorDiv((1L << 15) - ((long)k[5] * k[0]) + chroma, 1L << 11);
        long a = Term(y, k[0]);
        long r = a + Constant(-128L * k[1]) + Term(v, k[1]);
        long g = a + Constant(128L * (k[2] + k[3])) - Term(u, k[2]) - Term(v, k[3]);
        long b = a + Constant(-128L * k[4]) + Term(u, k[4]);
        return (Clamp((int)FloorDiv(r, 32), 255), Clamp((int)FloorDiv(g, 32), 255), Clamp((int)FloorDiv(b, 32), 255));
    }

    private static long FloorDiv(long a, long d) => (long)Math.Floor((double)a / d);

    /// <summary>Luma of the pixel at output depth `bits`.</summary>
    public static int Luma(int r, int g, int b, int bits, int[] k)
    {
        long scaled = ((long)k[0] * r) + ((long)k[1] * g) + ((long)k[2] * b);
        int extra = bits - 8;
        return Clamp(RoundDiv((scaled << extra) + ((long)k[9] << (16 + extra)), 16), (1 << bits) - 1);
    }

    /// <summary>Chroma (U when offset 3, V when 6) of the mean of `count` pixels with the given sums.</summary>
    public static int Chroma(int sr, int sg, int sb, int count, int bits, int[] k, int offset)
    {
        long acc = ((long)k[offset] * sr) + ((long)k[offset + 1] * sg) + ((long)k[offset + 2] * sb);
        int extra = bits - 8;
        int countBits = count == 4 ? 2 : 0;
        // mean * 2^extra + 128 * 2^extra, rounded: (acc * 2^extra / count + 128 * 2^extra * 65536) / 65536
        return Clamp(RoundDiv(acc + ((128L << extra) << (16 + countBits - extra)), 16 + countBits - extra), (1 << bits) - 1);
    }
}
