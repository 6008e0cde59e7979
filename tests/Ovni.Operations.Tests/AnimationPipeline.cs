// One "animation pipeline" touching every operation, written once and run on whichever device its frames are
// on: the parity tests run it on the CPU backend and on the CUDA emulator and compare the results.
using System.Drawing;

namespace Ovni.Operations.Tests;

internal static class AnimationPipeline
{
    public const int OutputWidth = 608, OutputHeight = 344;

    /// <summary>A 64x40 RGBA logo with a soft alpha ramp and a green band (keyed by the chroma key step).</summary>
    public static GpuFrame CreateLogo()
    {
        using var pool = new FramePool(PixelFormat.Rgba, 64, 40);
        GpuFrame logo = pool.Rent();
        var plane = logo.GetPlane<byte>(0);
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                bool band = y is >= 16 and < 24;
                plane[y, 4 * x] = band ? (byte)0 : (byte)(x * 4);
                plane[y, (4 * x) + 1] = band ? (byte)200 : (byte)(255 - (y * 6));
                plane[y, (4 * x) + 2] = band ? (byte)0 : (byte)((x + y) * 2);
                plane[y, (4 * x) + 3] = (byte)Math.Min(255, 60 + (x * 3));
            }
        }
        logo.Pts = 0;
        return logo;
    }

    /// <summary>
    /// Runs every operation on <paramref name="frame"/> (YUV420P, 800x332, not consumed) with parameters animated by
    /// its timestamp; <paramref name="other"/> is the cross-fade partner, <paramref name="logo"/> an RGBA image, all
    /// on the frame's device. Returns a new NV12 frame of <see cref="OutputWidth"/> x <see cref="OutputHeight"/>.
    /// </summary>
    public static GpuFrame Run(GpuFrame frame, GpuFrame other, GpuFrame logo)
    {
        using GpuFrame work = frame.Scale(frame.Width, frame.Height, ScaleFilter.Bilinear); // a private copy to draw on
        using (GpuFrame rgba = work.ToRgba())
        {
            rgba.ChromaKey(new RgbaColor(0, 200, 0), 24 / ChromaKeyOperation.FullScale, 48 / ChromaKeyOperation.FullScale).RoundCorners(new OperationValue<int>(t => 20 + (int)(t.TotalSeconds * 10)));
            using GpuFrame pip = rgba.Scale(200, 84, ScaleFilter.Bicubic);
            using GpuFrame keyedLogo = logo.Scale(64, 40, ScaleFilter.Area);
            keyedLogo.ChromaKey(new RgbaColor(0, 200, 0), 30 / ChromaKeyOperation.FullScale, 40 / ChromaKeyOperation.FullScale).RoundCorners(8);
            work.Overlay(pip, new OperationValue<double>(t => 13.37 + (t.TotalSeconds * 97.3)), new OperationValue<double>(t => 20.6 + (t.TotalSeconds * 11.1)), 0.85)
                .Overlay(keyedLogo, new OperationValue<double>(t => 700.25 - (t.TotalSeconds * 40.7)), 251.5, new OperationValue<double>(t => 0.5 + (t.TotalSeconds / 4)));
        }
        work.CrossFade(other, new OperationValue<double>(t => Math.Clamp(t.TotalSeconds / 1.25, 0, 1)))
            .Fade(RgbaColor.Black, new OperationValue<double>(t => 0.1 + (t.TotalSeconds / 10)))
            .DrawRect(new OperationValue<Rectangle>(t => new Rectangle(30 + (int)(t.TotalSeconds * 50), 280, 121, 33)), new RgbaColor(250, 200, 20, 180))
            .Vignette(0.55)
            .GaussianBlur(new OperationValue<double>(t => 0.6 + (t.TotalSeconds / 2)));
        using GpuFrame scaled = work.Scale(640, 360, ScaleFilter.Lanczos3);
        using GpuFrame cropped = scaled.Crop(new Rectangle(16, 8, OutputWidth, OutputHeight));
        using GpuFrame rgbaOut = cropped.ToRgba();
        return rgbaOut.FromRgba(PixelFormat.Nv12);
    }
}
