// Why: the ADM kernels of native/kernels/vmaf_adm.cu (compiled for the host) run the whole integer_adm2
// pyramid as a GPU would, kernel by kernel over pitched device-style buffers; finished with the extractor's
// own per-scale routine, every scale's numerator and denominator and the final score must equal
// AdmExtractor's bit for bit, on random planes of odd sizes and on real reference/x264 frames.
using System.Runtime.InteropServices;
using Ovni.Kernels.Quality;

namespace Ovni.Kernels.Tests;

public sealed unsafe class VmafAdmParityTests
{
    [Theory]
    [InlineData(97, 61, 8, 1)]
    [InlineData(333, 187, 8, 2)]
    [InlineData(97, 61, 10, 3)]
    [InlineData(333, 187, 10, 4)]
    [InlineData(97, 61, 12, 5)]
    [InlineData(333, 187, 12, 6)]
    [InlineData(17, 17, 8, 7)] // the smallest size whose scale-3 bands still have two rows and columns
    public void RandomPlanesMatchTheCpuExtractor(int width, int height, int bitDepth, int seed)
    {
        var random = new Random(seed);
        ushort[] reference = new ushort[width * height], distorted = new ushort[width * height];
        int max = (1 << bitDepth) - 1;
        for (int i = 0; i < reference.Length; i++)
        {
            // Smooth-ish content plus noise, so both the angle test and the masking see varied inputs.
            int x = i % width, y = i / width;
            int baseValue = (int)((x * 3 + y * 5) * (max / 1200.0)) % (max + 1);
            reference[i] = (ushort)Math.Clamp(baseValue + random.Next(-max / 8, max / 8 + 1), 0, max);
            int pick = random.Next(4);
            distorted[i] = pick switch
            {
                0 => reference[i],                                                          // untouched
                1 => (ushort)Math.Clamp(reference[i] + random.Next(-3, 4), 0, max),        // slight noise
                2 => (ushort)Math.Clamp((reference[i] * 3 + max / 2) / 4, 0, max),         // contrast loss
                _ => (ushort)random.Next(max + 1),                                          // unrelated
            };
        }

        AssertSameAsCpu(reference, distorted, width, height, bitDepth, gainLimit: 100.0);
    }

    [Fact]
    public void AGainLimitOtherThanTheDefaultReachesTheKernel()
    {
        const int width = 129, height = 71;
        var random = new Random(11);
        ushort[] reference = new ushort[width * height], distorted = new ushort[width * height];
        for (int i = 0; i < reference.Length; i++)
        {
            reference[i] = (ushort)random.Next(256);
            distorted[i] = (ushort)Math.Clamp(reference[i] + random.Next(-2, 3), 0, 255); // nearly parallel: the flag is set often
        }

        double limited = AssertSameAsCpu(reference, distorted, width, height, 8, gainLimit: 1.0);
        double unlimited = AssertSameAsCpu(reference, distorted, width, height, 8, gainLimit: 100.0);
        Assert.NotEqual(limited, unlimited);
    }

    [Theory]
    [InlineData("tears-of-steel-battle-clip-medium.webm", 800, 332, 8)]
    [InlineData("sample_with_srt.mkv", 1080, 720, 8)]
    [InlineData("hdr10-video-with-sdr-container.mp4", 1920, 1080, 10)]
    public void RealFramesAgainstX264Crf40MatchTheCpuExtractor(string clip, int width, int height, int bitDepth)
    {
        List<(ushort[] Reference, ushort[] Distorted)> frames = LumaPairs.Load(clip, width, height, bitDepth, frames: 2);
        foreach ((ushort[] reference, ushort[] distorted) in frames)
        {
            double score = AssertSameAsCpu(reference, distorted, width, height, bitDepth, gainLimit: 100.0);
            Assert.InRange(score, 0.3, 0.999); // crf 40 loses detail: a real, non-trivial score
        }
    }

    private static double AssertSameAsCpu(ushort[] reference, ushort[] distorted, int width, int height, int bitDepth, double gainLimit)
    {
        float[] cpuNum = new float[4], cpuDen = new float[4], gpuNum = new float[4], gpuDen = new float[4];
        double cpu = new AdmExtractor(width, height, gainLimit).Compute(reference, distorted, bitDepth, cpuNum, cpuDen);
        using var pipeline = new HostAdmPipeline(width, height);
        double gpu = pipeline.Compute(reference, distorted, bitDepth, gainLimit, gpuNum, gpuDen);
        for (int s = 0; s < 4; s++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(cpuNum[s]) == BitConverter.SingleToInt32Bits(gpuNum[s]),
                $"scale {s} numerator: cpu {cpuNum[s]:R}, kernels {gpuNum[s]:R}");
            Assert.True(BitConverter.SingleToInt32Bits(cpuDen[s]) == BitConverter.SingleToInt32Bits(gpuDen[s]),
                $"scale {s} denominator: cpu {cpuDen[s]:R}, kernels {gpuDen[s]:R}");
        }

        Assert.True(BitConverter.DoubleToInt64Bits(cpu) == BitConverter.DoubleToInt64Bits(gpu), $"adm2: cpu {cpu:R}, kernels {gpu:R}");
        Assert.True(cpuNum.All(float.IsFinite) && cpuDen.All(d => d > 0), "the features are real numbers");
        return gpu;
    }

    /// <summary>Luma of the first frames of a ../shared/media clip and of its x264 crf 40 encode, via the ffmpeg CLI.</summary>
    private static class LumaPairs
    {
        public static List<(ushort[] Reference, ushort[] Distorted)> Load(string clip, int width, int height, int bitDepth, int frames)
        {
            string? source = TestEnvironment.SharedDir is { } shared ? Path.Combine(shared, "media", clip) : null;
            if (source is null || !File.Exists(source))
            {
                Assert.Skip($"Needs ../shared/media/{clip} (the shared media folder is absent here).");
            }

            string temp = Directory.CreateTempSubdirectory("ovni-adm-").FullName;
            try
            {
                string pixelFormat = bitDepth == 8 ? "yuv420p" : "yuv420p10le", gray = bitDepth == 8 ? "gray" : "gray10le";
                string encoded = Path.Combine(temp, "dist.mkv"), referenceRaw = Path.Combine(temp, "ref.raw"), distortedRaw = Path.Combine(temp, "dist.raw");
                Ffmpeg.Run("-i", source!, "-map", "0:v:0", "-frames:v", $"{frames}", "-fps_mode", "passthrough", "-pix_fmt", pixelFormat,
                    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", encoded);
                Ffmpeg.Run("-i", source!, "-map", "0:v:0", "-frames:v", $"{frames}", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, referenceRaw);
                Ffmpeg.Run("-i", encoded, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", gray, distortedRaw);
                ushort[][] reference = Split(File.ReadAllBytes(referenceRaw), width, height, bitDepth);
                ushort[][] distorted = Split(File.ReadAllBytes(distortedRaw), width, height, bitDepth);
                Assert.Equal(frames, reference.Length);
                Assert.Equal(frames, distorted.Length);
                return [.. reference.Zip(distorted)];
            }
            finally
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        private static ushort[][] Split(byte[] raw, int width, int height, int bitDepth)
        {
            int bytesPerSample = bitDepth == 8 ? 1 : 2, frameBytes = width * height * bytesPerSample;
            Assert.Equal(0, raw.Length % frameBytes);
            var frames = new ushort[raw.Length / frameBytes][];
            for (int f = 0; f < frames.Length; f++)
            {
                ReadOnlySpan<byte> frame = raw.AsSpan(f * frameBytes, frameBytes);
                frames[f] = bitDepth == 8
                    ? [.. frame.ToArray().Select(b => (ushort)b)]
                    : MemoryMarshal.Cast<byte, ushort>(frame).ToArray();
            }

            return frames;
        }
    }

    /// <summary>The kernel sequence CudaAdmFeatures launches, run through the host-compiled library over native buffers.</summary>
    private sealed class HostAdmPipeline : IDisposable
    {
        private readonly int _width, _height, _bandRows, _bandPitch, _loPitch, _termsPitch;
        private readonly List<nint> _allocations = [];
        private readonly long _lo, _hi, _refH, _refV, _refD, _distH, _distV, _distD, _restH, _restV, _restD, _maskF, _maskC;
        private readonly long[] _refA, _distA;
        private readonly long _terms, _sums, _refLuma, _distLuma;
        private readonly GCHandle _reciprocals = GCHandle.Alloc(AdmExtractor.Reciprocal, GCHandleType.Pinned);

        public HostAdmPipeline(int width, int height)
        {
            _width = width;
            _height = height;
            _bandRows = (height + 1) / 2;
            _bandPitch = ((width + 1) / 2) * sizeof(int);
            _loPitch = width * sizeof(int);
            _termsPitch = ((width + 1) / 2) * sizeof(long);
            _lo = Allocate(_loPitch * _bandRows);
            _hi = Allocate(_loPitch * _bandRows);
            long Band() => Allocate(_bandPitch * _bandRows);
            _refA = [Band(), Band()];
            _distA = [Band(), Band()];
            (_refH, _refV, _refD, _distH, _distV, _distD) = (Band(), Band(), Band(), Band(), Band(), Band());
            (_restH, _restV, _restD, _maskF, _maskC) = (Band(), Band(), Band(), Band(), Band());
            _terms = Allocate(_termsPitch * AdmExtractor.TermPlanes * _bandRows);
            _sums = Allocate(sizeof(long) * 4 * AdmExtractor.TermPlanes * _bandRows);
            _refLuma = Allocate(width * height * sizeof(ushort));
            _distLuma = Allocate(width * height * sizeof(ushort));
        }

        public double Compute(ushort[] reference, ushort[] distorted, int bitDepth, double gainLimit, float[] numerators, float[] denominators)
        {
            reference.AsSpan().CopyTo(new Span<ushort>((void*)_refLuma, reference.Length));
            distorted.AsSpan().CopyTo(new Span<ushort>((void*)_distLuma, distorted.Length));
            long gainBits = BitConverter.DoubleToInt64Bits(gainLimit);
            long reciprocals = _reciprocals.AddrOfPinnedObject();
            int planeRows = _bandRows, planes = AdmExtractor.TermPlanes;
            var layouts = new AdmScaleLayout[4];
            int w = _width, h = _height;
            for (int s = 0; s < 4; s++)
            {
                int bw = (w + 1) / 2, bh = (h + 1) / 2, cur = s & 1, prev = cur ^ 1;
                foreach ((long luma, long[] a, long bandH, long bandV, long bandD) in
                         new[] { (_refLuma, _refA, _refH, _refV, _refD), (_distLuma, _distA, _distH, _distV, _distD) })
                {
                    long src = s == 0 ? luma : a[prev];
                    int srcPitch = s == 0 ? _width * sizeof(ushort) : _bandPitch;
                    HostKernels.Launch(KernelCatalog.AdmDwtVertical, w, bh, src, srcPitch, w, h, s, bitDepth, _lo, _hi, _loPitch);
                    HostKernels.Launch(KernelCatalog.AdmDwtHorizontal, bw, bh, _lo, _hi, _loPitch, w, bh, s, a[cur], bandH, bandV, bandD, _bandPitch);
                }

                AdmScaleLayout layout = layouts[s] = AdmScaleLayout.For(s, bw, bh);
                HostKernels.Launch(KernelCatalog.AdmDecouple, layout.ColEnd - layout.ColStart, layout.RowEnd - layout.RowStart,
                    _refH, _refV, _refD, _distH, _distV, _distD, _restH, _restV, _restD, _maskF, _maskC, _bandPitch,
                    layout.ColStart, layout.RowStart, layout.ColEnd, layout.RowEnd, s, reciprocals, (int)gainBits, (int)(gainBits >> 32));
                int innerWidth = layout.Right - layout.Left, innerHeight = layout.Bottom - layout.Top;
                HostKernels.Launch(KernelCatalog.AdmMaskedTerms, innerWidth, innerHeight, _restH, _restV, _restD, _maskF, _maskC, _bandPitch,
                    bw, bh, layout.Left, layout.Top, layout.Right, layout.Bottom, s, layout.ShiftHV, layout.ShiftD, _terms, _termsPitch, planeRows);
                HostKernels.Launch(KernelCatalog.AdmReferenceTerms, innerWidth, innerHeight, _refH, _refV, _refD, _bandPitch,
                    layout.Left, layout.Top, layout.Right, layout.Bottom, s, layout.DenominatorShift, _terms, _termsPitch, planeRows);
                HostKernels.Launch(KernelCatalog.AdmRowSums, innerHeight, planes, _terms, _termsPitch, planeRows, planes,
                    layout.Left, layout.Top, layout.Right, layout.Bottom, _sums, s * planes * planeRows);
                w = bw;
                h = bh;
            }

            var sums = new ReadOnlySpan<long>((void*)_sums, 4 * planes * planeRows);
            for (int s = 0; s < 4; s++)
            {
                AdmExtractor.FinishScale(layouts[s], sums.Slice(s * planes * planeRows), planeRows, out numerators[s], out denominators[s]);
            }

            return AdmExtractor.Combine(_width, _height, numerators, denominators);
        }

        public void Dispose()
        {
            foreach (nint allocation in _allocations) NativeMemory.Free((void*)allocation);
            _reciprocals.Free();
        }

        // Filled with a pattern, not zeros: a kernel that read a value it never wrote would show.
        private long Allocate(int bytes)
        {
            void* memory = NativeMemory.Alloc((nuint)bytes);
            new Span<byte>(memory, bytes).Fill(0xA5);
            _allocations.Add((nint)memory);
            return (long)memory;
        }
    }
}
