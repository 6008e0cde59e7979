// Why: caption burn-in goes through ovni_blend_alpha_mask on CUDA frames and its C# twin on host frames; the two
// must agree bit for bit (clipping at every edge, interleaved chroma), and both must equal the rounded formula.
namespace Ovni.Kernels.Tests;

public sealed unsafe class AlphaMaskBlendTests
{
    [Theory]
    [InlineData(100, 50, 301, 157, 1)]
    [InlineData(-37, -21, 250, 120, 1)]   // clipped left and top
    [InlineData(1800, 1000, 300, 200, 1)] // clipped right and bottom
    [InlineData(-5, -5, 2000, 1100, 1)]   // larger than the plane
    [InlineData(5000, 5, 10, 10, 1)]      // entirely outside
    [InlineData(31, 17, 97, 43, 2)]       // interleaved chroma
    [InlineData(-3, 500, 960, 77, 2)]     // interleaved chroma, clipped on both sides
    public void Twin_equals_host_kernel_and_the_rounded_formula(int x, int y, int w, int h, int samples)
    {
        const int positions = 959, height = 539;
        int planeBytes = positions * samples;
        using Plane host = Plane.Random(planeBytes, height, 21);
        using Plane twin = host.Clone();
        using Plane before = host.Clone();
        using Plane mask = Plane.Random(w * samples, h, 22);
        // Exercise both ends of alpha too: fully transparent and fully opaque rows.
        if (h > 2) { mask.Row(0).Fill(0); mask.Row(1).Fill(255); }

        HostKernels.Launch(KernelCatalog.BlendAlphaMask, w * samples, h, host.Address, host.Pitch, positions, height,
            mask.Address, mask.Pitch, x, y, w, h, samples, 70, 190);
        AlphaMaskBlend.BlendAlphaMask(twin.Data, twin.Pitch, positions, height, mask.Data, mask.Pitch, x, y, w, h, samples, 70, 190);
        twin.AssertSameAs(host, "alpha mask blend");

        int changed = 0;
        for (int row = 0; row < height; row++)
            for (int b = 0; b < planeBytes; b++)
            {
                int position = b / samples, mx = position - x, my = row - y;
                byte d = before.Row(row)[b];
                int expected = d;
                if (mx >= 0 && mx < w && my >= 0 && my < h)
                {
                    int a = mask.Row(my)[mx * samples + (b % samples)];
                    int maskByte = mx * samples + (b % samples);
                    int c = maskByte % 2 == 0 ? 70 : 190; // colours follow the mask column's parity
                    expected = (int)Math.Round((d * (255.0 - a) + c * a) / 255.0, MidpointRounding.AwayFromZero);
                }
                Assert.True(expected == twin.Row(row)[b], $"byte ({b}, {row}): expected {expected}, got {twin.Row(row)[b]}");
                if (expected != d) changed++;
            }
        bool inside = x < positions && y < height && x + w > 0 && y + h > 0;
        Assert.Equal(inside, changed > 0);
    }
}
