// Why: the overlay, blend and scale .cu kernels (compiled for the host) and their C# twins must agree
// bit for bit on pitched planes, including clipping at every edge and odd sizes.
namespace Ovni.Kernels.Tests;

public sealed unsafe class OverlayBlendScaleParityTests
{
    public static TheoryData<bool, int, int, int, int, int, bool> OverlayCases() => new()
    {
        // nv12, posX, posY, overlay w, overlay h, opacity, premultiplied
        { false, 100, 50, 301, 157, 256, false },
        { true, 101, 51, 300, 156, 256, false },
        { false, -37, -21, 250, 120, 200, false },   // clipped left and top
        { true, 1800, 1000, 300, 200, 128, true },   // clipped right and bottom of 1919x1079
        { false, -5, -5, 2000, 1100, 256, true },    // larger than the frame: clipped on all four sides
        { true, 3000, 20, 50, 50, 256, false },      // entirely outside
        { false, 7, 9, 1, 1, 77, false },            // single pixel at odd position
        { true, 0, 0, 64, 64, 0, false },            // opacity 0: frame unchanged
    };

    [Theory]
    [MemberData(nameof(OverlayCases))]
    public void OverlayMatchesHostKernel(bool nv12, int posX, int posY, int ow, int oh, int opacity, bool premultiplied)
    {
        const int width = 1919, height = 1079;
        YuvLayout layout = nv12 ? YuvLayout.Nv12 : YuvLayout.Yuv420P;
        Plane[] host = YuvLayouts.RandomFrame(layout, width, height, seed: 5);
        Plane[] twin = YuvLayouts.Clone(host);
        using Plane overlay = RandomOverlay(ow, oh, seed: 6);
        try
        {
            KernelSignature kernel = nv12 ? KernelCatalog.OverlayRgbaNv12 : KernelCatalog.OverlayRgbaYuv420P;
            HostKernels.Launch(kernel, (ow / 2) + 1, (oh / 2) + 1,
                [.. YuvLayouts.Args(host), width, height, overlay.Address, overlay.Pitch, ow, oh, posX, posY, opacity, premultiplied ? 1 : 0,
                 (int)ColorMatrix.Bt709, (int)YuvRange.Limited]);
            if (nv12)
            {
                RgbaOverlay.OverlayRgbaNv12(twin[0].Data, twin[0].Pitch, twin[1].Data, twin[1].Pitch, width, height,
                    overlay.Data, overlay.Pitch, ow, oh, posX, posY, opacity, premultiplied, ColorMatrix.Bt709, YuvRange.Limited);
            }
            else
            {
                RgbaOverlay.OverlayRgbaYuv420P(twin[0].Data, twin[0].Pitch, twin[1].Data, twin[1].Pitch, twin[2].Data, twin[2].Pitch,
                    width, height, overlay.Data, overlay.Pitch, ow, oh, posX, posY, opacity, premultiplied, ColorMatrix.Bt709, YuvRange.Limited);
            }

            for (int i = 0; i < host.Length; i++)
            {
                twin[i].AssertSameAs(host[i], $"overlay plane {i}");
            }
        }
        finally
        {
            YuvLayouts.Dispose(host);
            YuvLayouts.Dispose(twin);
        }
    }

    /// <summary>Random RGBA with a quarter of the pixels fully transparent and a quarter opaque.</summary>
    internal static Plane RandomOverlay(int width, int height, int seed)
    {
        Plane overlay = Plane.Random(4 * width, height, seed);
        var random = new Random(seed + 1);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = overlay.Row(y);
            for (int x = 0; x < width; x++)
            {
                int pick = random.Next(4);
                if (pick < 2)
                {
                    row[(4 * x) + 3] = pick == 0 ? (byte)0 : (byte)255;
                }
            }
        }

        return overlay;
    }

    [Theory]
    [InlineData(1919, 1079, 0)]
    [InlineData(1919, 1079, 77)]
    [InlineData(1919, 1079, 256)]
    [InlineData(33, 7, 300)]
    [InlineData(33, 7, -5)]
    public void BlendMatchesHostKernel(int width, int height, int weight)
    {
        using Plane a = Plane.Random(width, height, 1), b = Plane.Random(width, height, 2);
        using Plane host = Plane.Random(width, height, 3);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.BlendPlane, width, height, a.Address, a.Pitch, b.Address, b.Pitch, host.Address, host.Pitch, width, height, weight);
        PlaneBlend.BlendPlane(a.Data, a.Pitch, b.Data, b.Pitch, twin.Data, twin.Pitch, width, height, weight);
        twin.AssertSameAs(host, "blend");
    }

    [Theory]
    [InlineData(1919, 1079, 100)]
    [InlineData(31, 9, 256)]
    public void BlendP010MatchesHostKernel(int samples, int height, int weight)
    {
        using Plane a = Plane.Random(2 * samples, height, 1), b = Plane.Random(2 * samples, height, 2);
        using Plane host = Plane.Random(2 * samples, height, 3);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.BlendPlaneP010, samples, height, a.Address, a.Pitch, b.Address, b.Pitch, host.Address, host.Pitch, samples, height, weight);
        PlaneBlend.BlendPlaneP010(a.Data, a.Pitch, b.Data, b.Pitch, twin.Data, twin.Pitch, samples, height, weight);
        twin.AssertSameAs(host, "blend p010");
    }

    [Theory]
    [InlineData(1919, 1079, 16, 16, 90)]
    [InlineData(1920, 540, 128, 200, 256)] // NV12 chroma: U = 128, V = 200
    [InlineData(65, 3, 0, 255, 1)]
    public void FadeMatchesHostKernel(int widthBytes, int height, int even, int odd, int weight)
    {
        using Plane src = Plane.Random(widthBytes, height, 1);
        using Plane host = Plane.Random(widthBytes, height, 2);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.FadePlane, widthBytes, height, src.Address, src.Pitch, host.Address, host.Pitch, widthBytes, height, even, odd, weight);
        PlaneBlend.FadePlane(src.Data, src.Pitch, twin.Data, twin.Pitch, widthBytes, height, even, odd, weight);
        twin.AssertSameAs(host, "fade");
    }

    [Theory]
    [InlineData(100, 50, 301, 157, 200)]
    [InlineData(-37, -21, 250, 120, 256)]
    [InlineData(1801, 1000, 300, 200, 64)]
    [InlineData(-5, -5, 2000, 1100, 128)]
    [InlineData(5000, 5, 10, 10, 256)]
    [InlineData(3, 3, 0, 10, 256)]
    public void FillRectMatchesHostKernel(int x, int y, int w, int h, int alpha)
    {
        const int widthBytes = 1919, height = 1079;
        using Plane host = Plane.Random(widthBytes, height, 9);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.FillRectPlane, Math.Max(w, 0), Math.Max(h, 0), host.Address, host.Pitch, widthBytes, height, x, y, w, h, 35, 210, alpha);
        PlaneBlend.FillRectPlane(twin.Data, twin.Pitch, widthBytes, height, x, y, w, h, 35, 210, alpha);
        twin.AssertSameAs(host, "fill rect");
    }

    public static TheoryData<string, int, int, int, int, int> ScaleCases()
    {
        var data = new TheoryData<string, int, int, int, int, int>();
        foreach (string filter in new[] { "bilinear", "bicubic", "lanczos3", "area" })
        {
            data.Add(filter, 1280, 720, 1919, 1079, 1);
            data.Add(filter, 1919, 1079, 640, 361, 1);
            data.Add(filter, 321, 179, 97, 403, 2);
            data.Add(filter, 17, 9, 50, 31, 4);
            data.Add(filter, 1, 1, 5, 3, 1);
            data.Add(filter, 3, 2, 1, 1, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScaleCases))]
    public void ScaleMatchesHostKernel(string filter, int sw, int sh, int dw, int dh, int channels)
    {
        using Plane src = Plane.Random(sw * channels, sh, 1);
        using Plane host = Plane.Random(dw * channels, dh, 2);
        using Plane twin = host.Clone();
        KernelSignature kernel = filter switch
        {
            "bicubic" => KernelCatalog.ScalePlaneBicubic,
            "area" => KernelCatalog.ScalePlaneArea,
            "lanczos3" => KernelCatalog.ScalePlaneLanczos3,
            _ => KernelCatalog.ScalePlaneBilinear,
        };
        fixed (int* table = Lanczos3Table)
        {
            long[] args = [src.Address, src.Pitch, sw, sh, host.Address, host.Pitch, dw, dh, channels];
            HostKernels.Launch(kernel, dw, dh, filter == "lanczos3" ? [.. args, (long)table] : args);
        }

        ScaleWithTwin(filter, src, sw, sh, twin, dw, dh, channels);
        twin.AssertSameAs(host, filter);
    }

    internal static readonly int[] Lanczos3Table = PlaneScale.CreateLanczos3Table();

    internal static void ScaleWithTwin(string filter, Plane src, int sw, int sh, Plane dst, int dw, int dh, int channels)
    {
        switch (filter)
        {
            case "bicubic":
                PlaneScale.ScalePlaneBicubic(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
                break;
            case "area":
                PlaneScale.ScalePlaneArea(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
                break;
            case "lanczos3":
                PlaneScale.ScalePlaneLanczos3(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels, Lanczos3Table);
                break;
            default:
                PlaneScale.ScalePlaneBilinear(src.Data, src.Pitch, sw, sh, dst.Data, dst.Pitch, dw, dh, channels);
                break;
        }
    }
}
