// Why: the four YUV layouts the colour kernels read and write, described once for all tests.
namespace Ovni.Kernels.Tests;

public enum YuvLayout
{
    Yuv420P,
    Nv12,
    P010,
    Yuv444P,
}

internal static class YuvLayouts
{
    /// <summary>(bytes per row, rows) of each plane of a width x height frame.</summary>
    public static (int WidthBytes, int Height)[] Planes(YuvLayout layout, int width, int height)
    {
        int cw = (width + 1) / 2, ch = (height + 1) / 2;
        return layout switch
        {
            YuvLayout.Yuv420P => [(width, height), (cw, ch), (cw, ch)],
            YuvLayout.Nv12 => [(width, height), (2 * cw, ch)],
            YuvLayout.P010 => [(2 * width, height), (4 * cw, ch)],
            _ => [(width, height), (width, height), (width, height)],
        };
    }

    public static Plane[] RandomFrame(YuvLayout layout, int width, int height, int seed) =>
        [.. Planes(layout, width, height).Select((p, i) => Plane.Random(p.WidthBytes, p.Height, seed + (31 * i)))];

    /// <summary>pointer, pitch, pointer, pitch, ... as kernel arguments.</summary>
    public static long[] Args(Plane[] frame) => [.. frame.SelectMany(p => new long[] { p.Address, p.Pitch })];

    public static Plane[] Clone(Plane[] frame) => [.. frame.Select(p => p.Clone())];

    public static void Dispose(Plane[] frame)
    {
        foreach (Plane p in frame)
        {
            p.Dispose();
        }
    }

    public static KernelSignature ToRgbaKernel(YuvLayout layout) => layout switch
    {
        YuvLayout.Yuv420P => KernelCatalog.Yuv420PToRgba,
        YuvLayout.Nv12 => KernelCatalog.Nv12ToRgba,
        YuvLayout.P010 => KernelCatalog.P010ToRgba,
        _ => KernelCatalog.Yuv444PToRgba,
    };

    public static KernelSignature FromRgbaKernel(YuvLayout layout) => layout switch
    {
        YuvLayout.Yuv420P => KernelCatalog.RgbaToYuv420P,
        YuvLayout.Nv12 => KernelCatalog.RgbaToNv12,
        YuvLayout.P010 => KernelCatalog.RgbaToP010,
        _ => KernelCatalog.RgbaToYuv444P,
    };

    /// <summary>Runs the C# SIMD twin of layout -> RGBA.</summary>
    public static unsafe void TwinToRgba(YuvLayout layout, Plane[] f, Plane rgba, int width, int height, ColorMatrix m, YuvRange r)
    {
        switch (layout)
        {
            case YuvLayout.Yuv420P:
                ColorConversion.Yuv420PToRgba(f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, f[2].Data, f[2].Pitch, rgba.Data, rgba.Pitch, width, height, m, r);
                break;
            case YuvLayout.Nv12:
                ColorConversion.Nv12ToRgba(f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, rgba.Data, rgba.Pitch, width, height, m, r);
                break;
            case YuvLayout.P010:
                ColorConversion.P010ToRgba(f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, rgba.Data, rgba.Pitch, width, height, m, r);
                break;
            default:
                ColorConversion.Yuv444PToRgba(f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, f[2].Data, f[2].Pitch, rgba.Data, rgba.Pitch, width, height, m, r);
                break;
        }
    }

    /// <summary>Runs the C# SIMD twin of RGBA -> layout.</summary>
    public static unsafe void TwinFromRgba(YuvLayout layout, Plane rgba, Plane[] f, int width, int height, ColorMatrix m, YuvRange r)
    {
        switch (layout)
        {
            case YuvLayout.Yuv420P:
                ColorConversion.RgbaToYuv420P(rgba.Data, rgba.Pitch, f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, f[2].Data, f[2].Pitch, width, height, m, r);
                break;
            case YuvLayout.Nv12:
                ColorConversion.RgbaToNv12(rgba.Data, rgba.Pitch, f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, width, height, m, r);
                break;
            case YuvLayout.P010:
                ColorConversion.RgbaToP010(rgba.Data, rgba.Pitch, f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, width, height, m, r);
                break;
            default:
                ColorConversion.RgbaToYuv444P(rgba.Data, rgba.Pitch, f[0].Data, f[0].Pitch, f[1].Data, f[1].Pitch, f[2].Data, f[2].Pitch, width, height, m, r);
                break;
        }
    }

    /// <summary>Runs the host-compiled .cu kernel of layout -> RGBA.</summary>
    public static void HostToRgba(YuvLayout layout, Plane[] f, Plane rgba, int width, int height, ColorMatrix m, YuvRange r) =>
        HostKernels.Launch(ToRgbaKernel(layout), width, height,
            [.. Args(f), rgba.Address, rgba.Pitch, width, height, (int)m, (int)r]);

    /// <summary>Runs the host-compiled .cu kernel of RGBA -> layout.</summary>
    public static void HostFromRgba(YuvLayout layout, Plane rgba, Plane[] f, int width, int height, ColorMatrix m, YuvRange r)
    {
        bool subsampled = layout != YuvLayout.Yuv444P;
        HostKernels.Launch(FromRgbaKernel(layout), subsampled ? (width + 1) / 2 : width, subsampled ? (height + 1) / 2 : height,
            [rgba.Address, rgba.Pitch, .. Args(f), width, height, (int)m, (int)r]);
    }
}
