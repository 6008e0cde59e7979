// Why: ovni_transform_plane (host-compiled) and its C# twin must agree bit for bit on every map shape, and both must
// stay within one code value of an independent double-precision bilinear resample of the same transform.
namespace Ovni.Kernels.Tests;

public sealed unsafe class TransformTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string map in new[] { "identity", "rotate30", "zoom", "mirror", "outside", "shear" })
            foreach (int channels in new[] { 1, 2, 4 })
                data.Add(map, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Twin_equals_host_kernel_and_a_double_precision_reference(string name, int channels)
    {
        const int width = 181, height = 97;
        double[] inverse = Map(name, width, height);
        AffineMapQ16 map = PlaneTransform.MapFor(inverse, 0, 0);
        int[] fill = [16, 128, 200, 7];
        using Plane source = Plane.Random(width * channels, height, 31);
        using Plane host = Plane.Random(width * channels, height, 32);
        using Plane twin = host.Clone();

        HostKernels.Launch(KernelCatalog.TransformPlane, width, height, source.Address, source.Pitch, width, height,
            host.Address, host.Pitch, width, height, channels, map.M00, map.M01, map.M02, map.M10, map.M11, map.M12, fill[0], fill[1], fill[2], fill[3]);
        PlaneTransform.TransformPlane(source.Data, source.Pitch, width, height, twin.Data, twin.Pitch, width, height, channels, map, fill);
        twin.AssertSameAs(host, $"transform {name}");

        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                // Index space: destination centre x + 0.5 maps through the continuous inverse, minus 0.5.
                double sx = inverse[0] * (x + 0.5) + inverse[1] * (y + 0.5) + inverse[2] - 0.5;
                double sy = inverse[3] * (x + 0.5) + inverse[4] * (y + 0.5) + inverse[5] - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double fx = sx - x0, fy = sy - y0;
                for (int c = 0; c < channels; c++)
                {
                    double Tap(int tx, int ty) => tx < 0 || ty < 0 || tx >= width || ty >= height ? fill[c] : source.Row(ty)[tx * channels + c];
                    double value = (Tap(x0, y0) * (1 - fx) + Tap(x0 + 1, y0) * fx) * (1 - fy) + (Tap(x0, y0 + 1) * (1 - fx) + Tap(x0 + 1, y0 + 1) * fx) * fy;
                    int actual = twin.Row(y)[x * channels + c];
                    // Positions round to 1/4096 (error <= 2 * 255 * 0.5/4096 on noise) and the result to an integer (0.5).
                    Assert.True(Math.Abs(actual - value) <= 1.0, $"{name} ({x}, {y}) channel {c}: reference {value:0.00}, got {actual}");
                }
            }
    }

    [Fact]
    public void Chroma_maps_follow_the_subsampled_grid()
    {
        // A 2x zoom about the luma origin: chroma sample j (centre at luma 2j + 1) samples luma position j + 0.5,
        // which is chroma index (j + 0.5) / 2 - 0.5 = j / 2 - 0.25.
        AffineMapQ16 chroma = PlaneTransform.MapFor([0.5, 0, 0, 0, 0.5, 0], 1, 1);
        Assert.Equal(PlaneTransform.One / 2, chroma.M00);
        Assert.Equal(-PlaneTransform.One / 4, chroma.M02);
        Assert.Equal(-PlaneTransform.One / 4, chroma.M12);
        AffineMapQ16 luma = PlaneTransform.MapFor([0.5, 0, 0, 0, 0.5, 0], 0, 0);
        Assert.Equal(-PlaneTransform.One / 4, luma.M02); // (x + 0.5) / 2 - 0.5
    }

    private static double[] Map(string name, int width, int height)
    {
        double cx = width / 2.0, cy = height / 2.0;
        double cos = Math.Cos(Math.PI / 6), sin = Math.Sin(Math.PI / 6);
        return name switch
        {
            "identity" => [1, 0, 0, 0, 1, 0],
            "rotate30" => [cos, sin, cx - (cos * cx + sin * cy), -sin, cos, cy - (-sin * cx + cos * cy)],
            "zoom" => [1 / 1.7, 0, 13.25, 0, 1 / 1.7, -4.5],
            "mirror" => [-1, 0, width, 0, 1, 0],
            "outside" => [0.9, 0, -150.3, 0, 0.9, 60.7],
            _ => [1, 0.3, -10, 0.2, 1, -5],
        };
    }
}
