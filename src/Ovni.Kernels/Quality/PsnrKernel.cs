// Sum of squared differences of two sample planes: the only per-pixel work in libvmaf's PSNR.
using System.Runtime.Intrinsics;

namespace Ovni.Kernels.Quality;

internal static class PsnrKernel
{
    /// <summary>Sum over all samples of (a - b)^2, exact in 64 bits.</summary>
    public static ulong SumSquaredError(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        int n = Math.Min(a.Length, b.Length);
        ulong total = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<ulong>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var (al, ah) = Vector256.Widen(Vector256.Create(a.Slice(i, 16)));
                var (bl, bh) = Vector256.Widen(Vector256.Create(b.Slice(i, 16)));
                var dl = (al.AsInt32() - bl.AsInt32()).AsUInt32();
                var dh = (ah.AsInt32() - bh.AsInt32()).AsUInt32();
                // a squared 16-bit difference fits 32 bits unsigned
                var sl = dl * dl;
                var sh = dh * dh;
                var (l0, l1) = Vector256.Widen(sl);
                var (h0, h1) = Vector256.Widen(sh);
                acc += l0 + l1 + h0 + h1;
            }
            total = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            long d = a[i] - b[i];
            total += (ulong)(d * d);
        }
        return total;
    }
}
