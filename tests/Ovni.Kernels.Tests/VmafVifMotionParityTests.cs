// Why: the VMAF VIF and motion kernels (vmaf_vif.cu, vmaf_motion.cu, vmaf_luma.cu, compiled for the host) must give
// exactly the CPU extractors' features: every scale's VIF numerator and denominator and the motion score, compared as
// bits, on random content of odd sizes at 8/10/12 bits and on decoded camera frames with an x264 crf 40 distortion.
using System.Runtime.InteropServices;
using Ovni.Kernels.Quality;

namespace Ovni.Kernels.Tests;

public sealed unsafe class VmafVifMotionParityTests
{
    [Theory]
    [InlineData(97, 61, 8, 100.0)]
    [InlineData(333, 187, 8, 100.0)]
    [InlineData(97, 61, 10, 100.0)]
    [InlineData(333, 187, 10, 1.0)] // a gain limit of 1 caps g wherever the distortion adds contrast
    [InlineData(97, 61, 12, 100.0)]
    [InlineData(16, 16, 8, 100.0)]  // the smallest frame VIF accepts: scale 3 is 2x2
    [InlineData(17, 35, 12, 100.0)]
    [InlineData(97, 61, 16, 100.0)] // the launchers accept up to 16 bits
    public void VifOfRandomContentEqualsTheCpuExtractor(int width, int height, int bitDepth, double gainLimit)
    {
        ushort[] reference = Content(width, height, bitDepth, seed: width + height);
        ushort[] distorted = Distort(reference, width, height, bitDepth, seed: width * height);
        long nonLogPixels = AssertVifParity(reference, distorted, width, height, bitDepth, gainLimit);
        Assert.InRange(nonLogPixels, 1, ((long)width * height) - 1); // both branches of the per-pixel terms ran
    }

    [Theory]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(16)]
    public void VifOfUnrelatedNoiseEqualsTheCpuExtractor(int bitDepth)
    {
        const int width = 101, height = 67;
        AssertVifParity(Noise(width, height, bitDepth, 1), Noise(width, height, bitDepth, 2), width, height, bitDepth, 100.0);
    }

    [Theory]
    [InlineData(97, 61, 8)]
    [InlineData(333, 187, 10)]
    [InlineData(17, 35, 12)]
    [InlineData(3, 3, 8)] // the 5-tap mirror's smallest frame
    [InlineData(97, 61, 16)] // 16-bit differences overflow the int32 vertical sum: both sides wrap alike
    public void MotionOfRandomContentEqualsTheCpuExtractor(int width, int height, int bitDepth)
    {
        ushort[] previous = Content(width, height, bitDepth, seed: 3);
        ushort[] current = Distort(previous, width, height, bitDepth, seed: 4);
        AssertMotionParity(previous, current, width, height, bitDepth);
        AssertMotionParity(current, previous, width, height, bitDepth);
        AssertMotionParity(Noise(width, height, bitDepth, 5), Noise(width, height, bitDepth, 6), width, height, bitDepth);
    }

    [Fact]
    public void MotionOfIdenticalFramesIsZeroOnBoth()
    {
        ushort[] frame = Content(64, 48, 8, seed: 9);
        Assert.Equal(0.0, HostMotion(frame, frame, 64, 48, 8));
        AssertMotionParity(frame, frame, 64, 48, 8);
    }

    [Fact]
    public void Real8BitFramesAndTheirX264Crf40EncodeScoreIdentically()
    {
        (ushort[][] reference, ushort[][] distorted) = RealPair("internal_emulator_transformer_output.mp4", "crop=640:360:320:180", 640, 360, tenBit: false);
        for (int i = 0; i < reference.Length; i++)
        {
            AssertVifParity(reference[i], distorted[i], 640, 360, 8, 100.0);
            if (i > 0) AssertMotionParity(reference[i - 1], reference[i], 640, 360, 8);
        }
    }

    [Fact]
    public void Real10BitFramesAndTheirX264Crf40EncodeScoreIdentically()
    {
        (ushort[][] reference, ushort[][] distorted) = RealPair("hdr10-video-with-sdr-container.mp4", "crop=480:270:720:400", 480, 270, tenBit: true);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Contains(reference[i], sample => sample > 255); // really 10-bit content
            AssertVifParity(reference[i], distorted[i], 480, 270, 10, 100.0);
            if (i > 0) AssertMotionParity(reference[i - 1], reference[i], 480, 270, 10);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 6)]
    public void LoadLumaPacksSamplesAsSixteenBitWords(int bytesPerSample, int shift)
    {
        const int width = 37, height = 11;
        using Plane source = Plane.Random(width * bytesPerSample, height, seed: 12);
        using Plane packed = new(width * 2, height);
        packed.All.Fill(0xA5);
        HostKernels.Launch(KernelCatalog.VmafLoadLuma, width, height, source.Address, source.Pitch, packed.Address, packed.Pitch,
            width, height, bytesPerSample, shift);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = source.Row(y);
            ReadOnlySpan<ushort> output = MemoryMarshal.Cast<byte, ushort>(packed.Row(y));
            for (int x = 0; x < width; x++)
            {
                int expected = bytesPerSample == 1 ? row[x] : (row[2 * x] | (row[(2 * x) + 1] << 8)) >> shift;
                Assert.Equal(expected, output[x]);
            }

            Assert.True(packed.All.Slice((y * packed.Pitch) + (width * 2), packed.Pitch - (width * 2)).IndexOfAnyExcept((byte)0xA5) < 0,
                $"row {y}: the kernel wrote into the padding");
        }
    }

    /// <summary>Asserts bit-equal scales; returns how many scale-0 pixels took VIF's non-log branch.</summary>
    private static long AssertVifParity(ushort[] reference, ushort[] distorted, int width, int height, int bitDepth, double gainLimit)
    {
        var expected = new VifScaleResult[4];
        new VifExtractor(width, height, gainLimit).Compute(reference, distorted, bitDepth, expected);
        (VifScaleResult[] actual, long[] nonLogPixels) = HostVif(reference, distorted, width, height, bitDepth, gainLimit);
        for (int s = 0; s < 4; s++)
        {
            Assert.True(float.IsFinite(expected[s].Numerator) && expected[s].Denominator > 0, $"scale {s}: degenerate expectation");
            Assert.True(BitConverter.SingleToInt32Bits(expected[s].Numerator) == BitConverter.SingleToInt32Bits(actual[s].Numerator),
                $"{width}x{height} {bitDepth}-bit scale {s} numerator: CPU {expected[s].Numerator:R}, kernels {actual[s].Numerator:R}");
            Assert.True(BitConverter.SingleToInt32Bits(expected[s].Denominator) == BitConverter.SingleToInt32Bits(actual[s].Denominator),
                $"{width}x{height} {bitDepth}-bit scale {s} denominator: CPU {expected[s].Denominator:R}, kernels {actual[s].Denominator:R}");
        }

        return nonLogPixels[0];
    }

    private static void AssertMotionParity(ushort[] previous, ushort[] current, int width, int height, int bitDepth)
    {
        double expected = new MotionExtractor(width, height).Compute(previous, current, bitDepth);
        double actual = HostMotion(previous, current, width, height, bitDepth);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{width}x{height} {bitDepth}-bit motion: CPU {expected:R}, kernels {actual:R}");
    }

    /// <summary>
    /// The four VIF scales computed by the host-compiled kernels in the order a CUDA launcher queues them, and per scale
    /// how many pixels took the non-log branch.
    /// </summary>
    private static (VifScaleResult[] Scales, long[] NonLogPixels) HostVif(ushort[] reference, ushort[] distorted, int width, int height, int bitDepth, double gainLimit)
    {
        var planes = new List<Plane>();
        Plane Track(Plane plane)
        {
            planes.Add(plane);
            return plane;
        }

        try
        {
            Plane[] refs = new Plane[4], dists = new Plane[4], filters = new Plane[4];
            int[] widths = new int[4], heights = new int[4];
            for (int s = 0, w = width, h = height; s < 4; s++, w /= 2, h /= 2)
            {
                widths[s] = w;
                heights[s] = h;
                refs[s] = Track(new Plane(2 * w, h));
                dists[s] = Track(new Plane(2 * w, h));
                filters[s] = Track(Table(MemoryMarshal.AsBytes(VifExtractor.Filter(s))));
            }

            Pack(reference, refs[0], width, height);
            Pack(distorted, dists[0], width, height);
            Plane log2 = Track(Table(MemoryMarshal.AsBytes(VifExtractor.Log2Q11Table)));
            Plane limit = Track(Table(BitConverter.GetBytes(gainLimit)));
            Plane stats = Track(new Plane(4 * width, 5 * height));
            Plane terms = Track(new Plane(4 * width, 4 * height));
            Plane sums = Track(new Plane(4 * sizeof(long) * height, 1));
            var results = new VifScaleResult[4];
            long[] nonLogPixels = new long[4];
            for (int s = 0; s < 4; s++)
            {
                int w = widths[s], h = heights[s], taps = VifExtractor.Filter(s).Length;
                if (s > 0)
                {
                    int shift = s == 1 ? bitDepth : 16;
                    HostKernels.Launch(KernelCatalog.VmafVifDownsample, w, h, refs[s - 1].Address, refs[s - 1].Pitch, widths[s - 1], heights[s - 1],
                        filters[s].Address, taps, shift, refs[s].Address, refs[s].Pitch);
                    HostKernels.Launch(KernelCatalog.VmafVifDownsample, w, h, dists[s - 1].Address, dists[s - 1].Pitch, widths[s - 1], heights[s - 1],
                        filters[s].Address, taps, shift, dists[s].Address, dists[s].Pitch);
                }

                HostKernels.Launch(KernelCatalog.VmafVifVertical, w, h, refs[s].Address, refs[s].Pitch, dists[s].Address, dists[s].Pitch, w, h,
                    filters[s].Address, taps, s == 0 ? bitDepth : 16, s == 0 ? 2 * (bitDepth - 8) : 16, stats.Address, stats.Pitch);
                HostKernels.Launch(KernelCatalog.VmafVifStatistics, w, h, stats.Address, stats.Pitch, w, h, filters[s].Address, taps,
                    log2.Address, limit.Address, terms.Address, terms.Pitch);
                HostKernels.Launch(KernelCatalog.VmafVifRowSums, h, 1, terms.Address, terms.Pitch, w, h, sums.Address);
                ReadOnlySpan<long> rows = MemoryMarshal.Cast<byte, long>(sums.Row(0))[..(4 * h)];
                long numLog = 0, denLog = 0, numNonLog = 0, cntNonLog = 0;
                for (int y = 0; y < h; y++)
                {
                    numLog += rows[4 * y];
                    denLog += rows[(4 * y) + 1];
                    numNonLog += rows[(4 * y) + 2];
                    cntNonLog += rows[(4 * y) + 3];
                }

                results[s] = VifExtractor.FinishScale(numLog, denLog, numNonLog, cntNonLog);
                nonLogPixels[s] = cntNonLog;
            }

            return (results, nonLogPixels);
        }
        finally
        {
            foreach (Plane plane in planes) plane.Dispose();
        }
    }

    private static double HostMotion(ushort[] previous, ushort[] current, int width, int height, int bitDepth)
    {
        using Plane prev = new(2 * width, height), cur = new(2 * width, height);
        using Plane blurred = new(4 * width, height), sad = new(sizeof(long) * height, 1);
        Pack(previous, prev, width, height);
        Pack(current, cur, width, height);
        HostKernels.Launch(KernelCatalog.VmafMotionVertical, width, height, prev.Address, prev.Pitch, cur.Address, cur.Pitch, width, height,
            bitDepth, blurred.Address, blurred.Pitch);
        HostKernels.Launch(KernelCatalog.VmafMotionRowSad, height, 1, blurred.Address, blurred.Pitch, width, height, sad.Address);
        long total = 0;
        foreach (long row in MemoryMarshal.Cast<byte, long>(sad.Row(0))) total += row;
        return MotionExtractor.FinishScore(total, width, height);
    }

    private static Plane Table(ReadOnlySpan<byte> bytes)
    {
        var table = new Plane(bytes.Length, 1);
        bytes.CopyTo(table.Row(0));
        return table;
    }

    private static void Pack(ushort[] samples, Plane plane, int width, int height)
    {
        plane.All.Fill(0xEE); // padding the kernels must never read as data
        for (int y = 0; y < height; y++)
            MemoryMarshal.AsBytes(samples.AsSpan(y * width, width)).CopyTo(plane.Row(y));
    }

    /// <summary>
    /// Camera-like content in 16x16 tiles: flat (sigma1 below the noise floor, VIF's non-log branch), gradients,
    /// fine texture and hard edges, each with a little noise.
    /// </summary>
    private static ushort[] Content(int width, int height, int bitDepth, int seed)
    {
        var random = new Random(seed);
        int max = (1 << bitDepth) - 1, unit = 1 << (bitDepth - 8);
        var samples = new ushort[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int tile = ((x / 16) + (3 * (y / 16))) % 4;
                int value = tile switch
                {
                    0 => 90 * unit,
                    1 => ((x * 3) + (y * 2)) % 256 * unit,
                    2 => random.Next(max + 1),
                    _ => ((x / 3) + (y / 5)) % 2 == 0 ? 30 * unit : 220 * unit,
                };
                samples[(y * width) + x] = (ushort)Math.Clamp(value + random.Next(-2 * unit, (2 * unit) + 1), 0, max);
            }
        }

        return samples;
    }

    /// <summary>The content, distorted per 16x16 tile: noise, contrast boost (g above 1), blur, or flattened to a constant.</summary>
    private static ushort[] Distort(ushort[] source, int width, int height, int bitDepth, int seed)
    {
        var random = new Random(seed);
        int max = (1 << bitDepth) - 1, unit = 1 << (bitDepth - 8);
        var samples = new ushort[source.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = (y * width) + x, s = source[at];
                int value = (((x / 16) + (y / 16)) % 4) switch
                {
                    0 => s + random.Next(-6 * unit, (6 * unit) + 1),
                    1 => (128 * unit) + ((s - (128 * unit)) * 3 / 2),
                    2 => (s + source[(y * width) + Math.Max(x - 1, 0)] + source[(Math.Max(y - 1, 0) * width) + x]) / 3,
                    _ => 100 * unit,
                };
                samples[at] = (ushort)Math.Clamp(value, 0, max);
            }
        }

        return samples;
    }

    private static ushort[] Noise(int width, int height, int bitDepth, int seed)
    {
        var random = new Random(seed);
        var samples = new ushort[width * height];
        for (int i = 0; i < samples.Length; i++) samples[i] = (ushort)random.Next(1 << bitDepth);
        return samples;
    }

    /// <summary>Three luma frames of a ../shared clip (cropped) and the same frames after an x264 crf 40 round trip.</summary>
    private static (ushort[][] Reference, ushort[][] Distorted) RealPair(string clip, string crop, int width, int height, bool tenBit)
    {
        const int frames = 3;
        // passthrough everywhere: a constant-rate raw output would duplicate frames of clips with irregular timestamps.
        string? source = TestEnvironment.SharedDir is { } shared ? Path.Combine(shared, "media", clip) : null;
        if (source is null || !File.Exists(source))
            Assert.Skip($"Needs ../shared/media/{clip} (the shared media folder is absent here).");
        Ffmpeg.Require();
        string temp = Directory.CreateTempSubdirectory("ovni-vmaf-vif-").FullName;
        try
        {
            string gray = tenBit ? "gray10le" : "gray";
            string encoded = Path.Combine(temp, "crf40.mkv"), referenceRaw = Path.Combine(temp, "ref.raw"), distortedRaw = Path.Combine(temp, "dist.raw");
            Ffmpeg.Run("-i", source, "-map", "0:v:0", "-frames:v", $"{frames}", "-vf", crop, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, referenceRaw);
            Ffmpeg.Run("-i", source, "-map", "0:v:0", "-frames:v", $"{frames}", "-vf", crop, "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40",
                "-pix_fmt", tenBit ? "yuv420p10le" : "yuv420p", encoded);
            Ffmpeg.Run("-i", encoded, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, distortedRaw);
            return (Split(File.ReadAllBytes(referenceRaw), width, height, tenBit, frames), Split(File.ReadAllBytes(distortedRaw), width, height, tenBit, frames));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static ushort[][] Split(byte[] raw, int width, int height, bool tenBit, int frames)
    {
        int frameBytes = width * height * (tenBit ? 2 : 1);
        Assert.Equal(frames * frameBytes, raw.Length);
        var result = new ushort[frames][];
        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<byte> bytes = raw.AsSpan(f * frameBytes, frameBytes);
            result[f] = tenBit ? MemoryMarshal.Cast<byte, ushort>(bytes).ToArray() : [.. bytes.ToArray().Select(b => (ushort)b)];
        }

        return result;
    }
}
