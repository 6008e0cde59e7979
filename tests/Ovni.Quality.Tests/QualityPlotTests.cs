// The chart is a valid PNG (signature, chunk CRCs, IHDR, inflatable RGBA rows) and the VMAF and PSNR series
// are drawn where their values put them.
using System.Buffers.Binary;
using System.IO.Compression;
using Ovni.Quality;

namespace Ovni.Quality.Tests;

public sealed class QualityPlotTests
{
    private static QualityResult SampleResult()
    {
        var frames = Enumerable.Range(0, 50).Select(i => new QualityFrameScores
        {
            FrameNumber = i, Vmaf = 50 + 40 * Math.Sin(i / 8.0), PsnrY = 35 + 5 * Math.Cos(i / 6.0),
            PsnrCb = double.NaN, PsnrCr = double.NaN, Ssim = double.NaN, Adm2 = double.NaN, Motion = double.NaN, Motion2 = double.NaN,
            VifScale0 = double.NaN, VifScale1 = double.NaN, VifScale2 = double.NaN, VifScale3 = double.NaN,
        }).ToArray();
        return new QualityResult
        {
            Frames = frames,
            Pooled = new Dictionary<string, PooledScore> { ["vmaf"] = PooledScore.From(frames.Select(f => f.Vmaf).ToArray()) },
        };
    }

    // Independent bit-by-bit CRC-32 (PNG/zlib polynomial); checked against the well-known CRC of "IEND".
    private static uint Crc32Bitwise(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    [Fact]
    public void Reference_crc_matches_the_png_specification_example() =>
        Assert.Equal(0xAE426082u, Crc32Bitwise("IEND"u8));

    [Fact]
    public void Png_is_well_formed_and_holds_the_rendered_pixels()
    {
        var result = SampleResult();
        using var stream = new MemoryStream();
        QualityPlot.WritePng(result, stream, 800, 400);
        byte[] png = stream.ToArray();

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8;
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var body = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(Crc32Bitwise(png.AsSpan(pos + 4, 4 + length)), crc);
            if (type == "IHDR")
            {
                Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(body));
                Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(body[4..]));
                Assert.Equal(8, body[8]);
                Assert.Equal(6, body[9]);
            }
            if (type == "IDAT") idat.Write(body);
            chunks.Add(type);
            pos += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] raw = inflated.ToArray();
        Assert.Equal(400 * (1 + 800 * 4), raw.Length);
        byte[] expected = QualityPlot.RenderRgba(result, 800, 400);
        for (int y = 0; y < 400; y++)
        {
            Assert.Equal(0, raw[y * (1 + 3200)]);
            Assert.True(raw.AsSpan(y * 3201 + 1, 3200).SequenceEqual(expected.AsSpan(y * 3200, 3200)), $"row {y} differs");
        }
    }

    [Fact]
    public void Series_are_drawn_at_their_values()
    {
        var result = SampleResult();
        byte[] rgba = QualityPlot.RenderRgba(result, 800, 400);
        // plot area: left 70, right 80, top 40, bottom 50 (see QualityPlot); frame 20 sits at x = 70 + 20*650/49
        int x = 70 + 20 * 650 / 49;
        double vmaf = result.Frames[20].Vmaf;
        int y = 40 + 310 - (int)Math.Round(vmaf / 100 * 310);
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; dy++)
        {
            int i = ((y + dy) * 800 + x) * 4;
            found = rgba[i] == 0x1F && rgba[i + 1] == 0x5F && rgba[i + 2] == 0xBF;
        }
        Assert.True(found, $"no VMAF-coloured pixel near ({x},{y})");
        // nothing VMAF-coloured far from the line in that column (e.g. at the value 100 - vmaf)
        int far = 40 + 310 - (int)Math.Round((100 - vmaf) / 100 * 310);
        int j = (far * 800 + x) * 4;
        Assert.False(rgba[j] == 0x1F && rgba[j + 1] == 0x5F && rgba[j + 2] == 0xBF);
    }
}
