// Why: ovni_chroma_key_yuv_alpha (host-compiled) and its twin must write the same alpha bit for bit, for 4:2:0 and
// 4:4:4 chroma, soft and hard keys, with edge neighbours clamped; and the key colour follows FFmpeg's formula.
namespace Ovni.Kernels.Tests;

public sealed unsafe class YuvChromaKeyTests
{
    [Theory]
    [InlineData(333, 187, 1, 0.1f, 0.08f)]
    [InlineData(333, 187, 1, 0.15f, 0f)]
    [InlineData(64, 48, 0, 0.05f, 0.3f)]
    public void Twin_equals_host_kernel(int width, int height, int sub, float similarity, float blend)
    {
        int cw = (width + sub) >> sub, ch = (height + sub) >> sub;
        using Plane u = Plane.Random(cw, ch, 5), v = Plane.Random(cw, ch, 6);
        // Pull part of the chroma onto the key so both transparent and opaque alphas occur.
        for (int y = 0; y < ch / 2; y++) { u.Row(y).Fill(91); v.Row(y).Fill(58); }
        using Plane host = Plane.Random(4 * width, height, 7);
        using Plane twin = host.Clone();
        HostKernels.Launch(KernelCatalog.ChromaKeyYuvAlpha, width, height, u.Address, u.Pitch, v.Address, v.Pitch, width, height, sub, sub,
            host.Address, host.Pitch, 91, 58, BitConverter.SingleToInt32Bits(similarity), BitConverter.SingleToInt32Bits(blend));
        YuvChromaKey.KeyAlpha(u.Data, u.Pitch, v.Data, v.Pitch, width, height, sub, sub, twin.Data, twin.Pitch, 91, 58, similarity, blend);
        twin.AssertSameAs(host, "chroma key alpha");
        Assert.Equal(0, twin.Row(2)[4 * 5 + 3]);          // on the key
        int mostlyOpaque = 0;
        for (int x = 0; x < width; x++) if (twin.Row(height - 2)[(4 * x) + 3] > 128) mostlyOpaque++;
        Assert.True(mostlyOpaque > width / 2, $"random chroma far from the key should stay mostly opaque ({mostlyOpaque} of {width})");
    }

    [Fact]
    public void Key_chroma_follows_the_bt601_fixed_point_formula()
    {
        // 0x20C040: U = round-ish(-0.16874 R - 0.33126 G + 0.5 B) + 128 = 91, V = 58 (also what the ffmpeg test keys).
        Assert.Equal((91, 58), YuvChromaKey.KeyChroma(0x20, 0xC0, 0x40));
        Assert.Equal((128, 128), YuvChromaKey.KeyChroma(128, 128, 128));
    }
}
