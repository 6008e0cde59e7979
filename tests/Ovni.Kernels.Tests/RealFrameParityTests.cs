// Why: random data exercises every code path, but real camera/render content is what ships; one decoded
// frame of ../shared/media goes through every kernel on both implementations, which must agree bit for bit.
namespace Ovni.Kernels.Tests;

public sealed unsafe class RealFrameParityTests
{
    private const string MediaName = "internal_emulator_transformer_output.mp4";
    private const int Width = 1280, Height = 720;

    private static readonly Lazy<byte[]?> Frame = new(DecodeFirstFrame);

    private static byte[]? DecodeFirstFrame()
    {
        if (TestEnvironment.SharedDir is not { } shared || !File.Exists(Path.Combine(shared, "media", MediaName)) ||
            TestEnvironment.FindProgram("ffmpeg") is null)
        {
            return null;
        }

        string output = Path.Combine(Path.GetTempPath(), $"ovni-real-frame-{Environment.ProcessId}.yuv");
        try
        {
            Ffmpeg.Run("-i", Path.Combine(shared, "media", MediaName), "-map", "0:v:0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", output);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static Plane[] LoadFrame()
    {
        byte[] data = Frame.Value ?? throw SkipWhy();
        Assert.Equal(Width * Height * 3 / 2, data.Length);
        Plane[] frame = [new(Width, Height), new(Width / 2, Height / 2), new(Width / 2, Height / 2)];
        frame[0].CopyRowsFrom(data.AsSpan(0, Width * Height));
        frame[1].CopyRowsFrom(data.AsSpan(Width * Height, Width * Height / 4));
        frame[2].CopyRowsFrom(data.AsSpan(Width * Height * 5 / 4, Width * Height / 4));
        return frame;
    }

    private static Exception SkipWhy()
    {
        Assert.Skip($"Needs ../shared/media/{MediaName} and the ffmpeg CLI to decode it; one of them is missing.");
        return new InvalidOperationException();
    }

    [Fact]
    public void RealFrameRoundTripsThroughEveryColourKernelIdentically()
    {
        Plane[] frame = LoadFrame();
        using Plane hostRgba = new(4 * Width, Height), twinRgba = new(4 * Width, Height);
        hostRgba.All.Clear();
        twinRgba.All.Clear();
        try
        {
            YuvLayouts.HostToRgba(YuvLayout.Yuv420P, frame, hostRgba, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
            YuvLayouts.TwinToRgba(YuvLayout.Yuv420P, frame, twinRgba, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
            twinRgba.AssertSameAs(hostRgba, "real frame yuv420p->rgba");

            foreach (YuvLayout layout in Enum.GetValues<YuvLayout>())
            {
                Plane[] host = YuvLayouts.RandomFrame(layout, Width, Height, 1);
                Plane[] twin = YuvLayouts.Clone(host);
                YuvLayouts.HostFromRgba(layout, hostRgba, host, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
                YuvLayouts.TwinFromRgba(layout, twinRgba, twin, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
                for (int i = 0; i < host.Length; i++)
                {
                    twin[i].AssertSameAs(host[i], $"real frame rgba->{layout} plane {i}");
                }

                using Plane back = new(4 * Width, Height), backTwin = new(4 * Width, Height);
                back.All.Clear();
                backTwin.All.Clear();
                YuvLayouts.HostToRgba(layout, host, back, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
                YuvLayouts.TwinToRgba(layout, twin, backTwin, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
                backTwin.AssertSameAs(back, $"real frame {layout}->rgba");
                YuvLayouts.Dispose(host);
                YuvLayouts.Dispose(twin);
            }

            // Real behaviour, not only agreement: YUV -> RGB -> YUV on a real picture keeps luma within 2 codes.
            Plane[] again = YuvLayouts.RandomFrame(YuvLayout.Yuv420P, Width, Height, 2);
            YuvLayouts.TwinFromRgba(YuvLayout.Yuv420P, twinRgba, again, Width, Height, ColorMatrix.Bt709, YuvRange.Limited);
            int worst = 0;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    int original = Math.Clamp((int)frame[0].Row(y)[x], 16, 235);
                    worst = Math.Max(worst, Math.Abs(again[0].Row(y)[x] - original));
                }
            }

            YuvLayouts.Dispose(again);
            Assert.InRange(worst, 0, 2);
        }
        finally
        {
            YuvLayouts.Dispose(frame);
        }
    }

    [Fact]
    public void RealFrameOverlayBlendFillAndScaleAgree()
    {
        Plane[] host = LoadFrame();
        Plane[] twin = YuvLayouts.Clone(host);
        using Plane overlay = OverlayBlendScaleParityTests.RandomOverlay(333, 211, 3);
        try
        {
            HostKernels.Launch(KernelCatalog.OverlayRgbaYuv420P, (333 / 2) + 1, (211 / 2) + 1,
                [.. YuvLayouts.Args(host), Width, Height, overlay.Address, overlay.Pitch, 333, 211, 1101, -57, 200, 1, 1, 0]);
            RgbaOverlay.OverlayRgbaYuv420P(twin[0].Data, twin[0].Pitch, twin[1].Data, twin[1].Pitch, twin[2].Data, twin[2].Pitch,
                Width, Height, overlay.Data, overlay.Pitch, 333, 211, 1101, -57, 200, true, ColorMatrix.Bt709, YuvRange.Limited);

            HostKernels.Launch(KernelCatalog.FillRectPlane, 300, 100, host[0].Address, host[0].Pitch, Width, Height, 50, 600, 300, 100, 235, 235, 100);
            PlaneBlend.FillRectPlane(twin[0].Data, twin[0].Pitch, Width, Height, 50, 600, 300, 100, 235, 235, 100);

            // Cross-fade of the luma with itself 8 rows further down (a moving picture's next frame, roughly).
            using Plane fadeHost = new(Width, Height - 8), fadeTwin = new(Width, Height - 8);
            fadeHost.All.Clear();
            fadeTwin.All.Clear();
            HostKernels.Launch(KernelCatalog.BlendPlane, Width, Height - 8, host[0].Address, host[0].Pitch, host[0].Address + (8L * host[0].Pitch),
                host[0].Pitch, fadeHost.Address, fadeHost.Pitch, Width, Height - 8, 90);
            PlaneBlend.BlendPlane(twin[0].Data, twin[0].Pitch, twin[0].Data + (8L * twin[0].Pitch), twin[0].Pitch, fadeTwin.Data, fadeTwin.Pitch, Width, Height - 8, 90);
            fadeTwin.AssertSameAs(fadeHost, "real frame cross-fade");

            for (int i = 0; i < host.Length; i++)
            {
                twin[i].AssertSameAs(host[i], $"real frame overlay/fill/blend plane {i}");
            }

            foreach (bool bicubic in new[] { false, true })
            {
                using Plane scaledHost = new(1919, 1079), scaledTwin = new(1919, 1079);
                scaledHost.All.Clear();
                scaledTwin.All.Clear();
                HostKernels.Launch(bicubic ? KernelCatalog.ScalePlaneBicubic : KernelCatalog.ScalePlaneBilinear, 1919, 1079,
                    host[0].Address, host[0].Pitch, Width, Height, scaledHost.Address, scaledHost.Pitch, 1919, 1079, 1);
                if (bicubic)
                {
                    PlaneScale.ScalePlaneBicubic(twin[0].Data, twin[0].Pitch, Width, Height, scaledTwin.Data, scaledTwin.Pitch, 1919, 1079, 1);
                }
                else
                {
                    PlaneScale.ScalePlaneBilinear(twin[0].Data, twin[0].Pitch, Width, Height, scaledTwin.Data, scaledTwin.Pitch, 1919, 1079, 1);
                }

                scaledTwin.AssertSameAs(scaledHost, bicubic ? "real frame bicubic" : "real frame bilinear");
            }
        }
        finally
        {
            YuvLayouts.Dispose(host);
            YuvLayouts.Dispose(twin);
        }
    }
}
