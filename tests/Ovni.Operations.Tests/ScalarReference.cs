// Plain scalar implementations of the operations, written from their documented formulas (XML docs of
// FrameOperations and native/kernels/README.md), independent of the kernels and their twins.
namespace Ovni.Operations.Tests;

internal static class ScalarReference
{
    public static (double Kr, double Kb) Matrix(int code) => code switch
    {
        0 => (0.299, 0.114),
        2 => (0.2627, 0.0593),
        _ => (0.2126, 0.0722),
    };

    /// <summary>Y, U, V (unrounded) of an RGB colour, limited or full range, 8-bit scale.</summary>
    public static (double Y, double U, double V) Yuv(int r, int g, int b, int matrix, bool full)
    {
        (double kr, double kb) = Matrix(matrix);
        double rr = r / 255.0, gg = g / 255.0, bb = b / 255.0;
        double y = (kr * rr) + ((1 - kr - kb) * gg) + (kb * bb);
        double cb = (bb - y) / (2 * (1 - kb)), cr = (rr - y) / (2 * (1 - kr));
        return full ? (255 * y, 128 + (255 * cb), 128 + (255 * cr)) : (16 + (219 * y), 128 + (224 * cb), 128 + (224 * cr));
    }

    public static int Round8(double v) => Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);

    /// <summary>R, G, B of 8-bit Y, U, V (unrounded).</summary>
    public static (double R, double G, double B) Rgb(int y, int u, int v, int matrix, bool full)
    {
        (double kr, double kb) = Matrix(matrix);
        double yy = full ? y / 255.0 : (y - 16) / 219.0;
        double cb = full ? (u - 128) / 255.0 : (u - 128) / 224.0, cr = full ? (v - 128) / 255.0 : (v - 128) / 224.0;
        double r = yy + (2 * (1 - kr) * cr), b = yy + (2 * (1 - kb) * cb);
        double g = (yy - (kr * r) - (kb * b)) / (1 - kr - kb);
        return (255 * r, 255 * g, 255 * b);
    }

    public static int Mix(int a, int b, int weight) => ((a * (256 - weight)) + (b * weight) + 128) >> 8;

    /// <summary>Gaussian taps as documented: radius ceil(3 sigma), normalised, rounded to 1/16384, centre absorbs the rest.</summary>
    public static int[] GaussianTaps(double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var real = new double[(2 * radius) + 1];
        double sum = 0;
        for (int i = 0; i < real.Length; i++)
        {
            int d = i - radius;
            real[i] = Math.Exp(-(d * d) / (2 * sigma * sigma));
            sum += real[i];
        }
        var taps = new int[real.Length];
        int total = 0;
        for (int i = 0; i < taps.Length; i++)
        {
            taps[i] = (int)Math.Round(real[i] / sum * 16384, MidpointRounding.AwayFromZero);
            total += taps[i];
        }
        taps[radius] += 16384 - total;
        return taps;
    }

    /// <summary>One blur pass over a [y, x*channels] byte array.</summary>
    public static byte[,] BlurPass(byte[,] src, int channels, int[] taps, bool vertical)
    {
        int h = src.GetLength(0), wb = src.GetLength(1), w = wb / channels, r = taps.Length / 2;
        var dst = new byte[h, wb];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    long sum = 0;
                    for (int t = 0; t < taps.Length; t++)
                    {
                        int sx = vertical ? x : Math.Clamp(x + t - r, 0, w - 1);
                        int sy = vertical ? Math.Clamp(y + t - r, 0, h - 1) : y;
                        sum += (long)taps[t] * src[sy, (sx * channels) + c];
                    }
                    dst[y, (x * channels) + c] = (byte)Math.Clamp((sum + 8192) >> 14, 0, 255);
                }
            }
        }
        return dst;
    }

    /// <summary>Bilinear resize of a [y, x*channels] plane on the documented centre-aligned 1/256-pixel grid.</summary>
    public static byte[,] Bilinear(byte[,] src, int channels, int dw, int dh)
    {
        int sh = src.GetLength(0), sw = src.GetLength(1) / channels;
        var dst = new byte[dh, dw * channels];
        for (int y = 0; y < dh; y++)
        {
            long py = ((((2L * y) + 1) * sh * 256) / (2L * dh)) - 128;
            int y0 = (int)Math.Floor(py / 256.0), fy = (int)(py - (y0 * 256L));
            for (int x = 0; x < dw; x++)
            {
                long px = ((((2L * x) + 1) * sw * 256) / (2L * dw)) - 128;
                int x0 = (int)Math.Floor(px / 256.0), fx = (int)(px - (x0 * 256L));
                for (int c = 0; c < channels; c++)
                {
                    int S(int xx, int yy) => src[Math.Clamp(yy, 0, sh - 1), (Math.Clamp(xx, 0, sw - 1) * channels) + c];
                    long top = (S(x0, y0) * (256L - fx)) + (S(x0 + 1, y0) * fx);
                    long bottom = (S(x0, y0 + 1) * (256L - fx)) + (S(x0 + 1, y0 + 1) * fx);
                    dst[y, (x * channels) + c] = (byte)(((top * (256 - fy)) + (bottom * fy) + 32768) >> 16);
                }
            }
        }
        return dst;
    }
}
