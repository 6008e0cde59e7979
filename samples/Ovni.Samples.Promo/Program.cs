// A 5-second 1080p promo: two shots of Sintel (CC-BY 3.0, (c) Blender Foundation | durian.blender.org) cropped to fill
// 1920x1080 and cross-faded, a title that slides in with an ease-out behind an outline and shadow and fades in and out,
// and a subtitle typed letter by letter. Without the workplace's ../shared/media it renders two generated clips.
// Usage: Ovni.Samples.Promo [output.mp4]
using System.Diagnostics;
using System.Drawing;
using Ovni;
using Ovni.Animation;

const int Width = 1920, Height = 1080;
string output = args.Length > 0 ? args[0] : "out/promo.mp4";
string? sintel = Clips.Find("sintel_1080_10s_av1.mp4");
string clipA = sintel ?? Clips.Generate("a", "testsrc2");
string clipB = sintel ?? Clips.Generate("b", "mandelbrot");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

await using MediaReader a = MediaReader.Open(clipA);
await using MediaReader b = MediaReader.Open(clipB);
Rational rate = a.Video.FrameRate;

// Shot one: the first 3 s; shot two: 3 s from 6 s in (from the start of a generated clip). Both fill the canvas.
TimeSpan secondFrom = sintel is null ? TimeSpan.Zero : TimeSpan.FromSeconds(6);
IAsyncEnumerable<GpuFrame> first = a.ReadFramesAsync(cancel.Token).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(3))
    .ConvertTo(PixelFormat.Yuv420P).Fit(Width, Height, FitMode.Crop);
IAsyncEnumerable<GpuFrame> second = b.ReadFramesAsync(cancel.Token).Trim(secondFrom, secondFrom + TimeSpan.FromSeconds(3))
    .ChangeFrameRate(rate).ConvertTo(PixelFormat.Yuv420P).Fit(Width, Height, FitMode.Crop);

// The title slides in from the left and settles in the centre (cubic ease-out), fades in over 0.6 s and out at the end.
var titleX = new Keyframes<double>().Add(TimeSpan.FromSeconds(0.2), -400, Easing.CubicOut).Add(TimeSpan.FromSeconds(1.4), Width / 2.0);
var titleOpacity = new Keyframes<double>()
    .Add(TimeSpan.FromSeconds(0.2), 0, Easing.QuadOut).Add(TimeSpan.FromSeconds(0.8), 1)
    .Add(TimeSpan.FromSeconds(4.2), 1, Easing.QuadIn).Add(TimeSpan.FromSeconds(4.9), 0);
var title = new TextStyle { Font = "DejaVu Sans", Size = 190, Bold = true, Outline = 8, OutlineColor = RgbaColor.Parse("#1a1030ff"),
    Shadow = 6, ShadowColor = new RgbaColor(0, 0, 0, 140), Anchor = 5 };

// The subtitle types itself from 1.4 s on, 20 letters a second, and fades with the title.
const string Tagline = "fast video pipelines in C#";
Func<TimeSpan, string> typed = t => Tagline[..Math.Clamp((int)((t.TotalSeconds - 1.4) * 20), 0, Tagline.Length)];
var tagline = new TextStyle { Font = "DejaVu Sans", Size = 64, Color = RgbaColor.Parse("#ffd27aff"), Outline = 3,
    OutlineColor = RgbaColor.Parse("#1a1030ff"), Anchor = 8 };

// A translucent band behind the text opens from the centre with the title and closes as it fades.
Func<TimeSpan, Rectangle> band = t =>
{
    double opening = 1 - Math.Pow(1 - Math.Clamp((t.TotalSeconds - 0.2) / 1.2, 0, 1), 3);
    double closing = Math.Clamp((4.9 - t.TotalSeconds) / 0.7, 0, 1);
    int w = (int)(Width * Math.Min(opening, closing)) / 2 * 2;
    return new Rectangle((Width - w) / 2, Height / 2 - 190, w, 360);
};

IAsyncEnumerable<GpuFrame> promo = first
    .CrossFadeInto(second, TimeSpan.FromSeconds(1), cancel.Token)
    .DrawRect(band, new RgbaColor(12, 8, 32, 120))
    .DrawText("OVNI", title, titleX, Height / 2.0 - 40, titleOpacity)
    .DrawText(typed, tagline, Width / 2.0, Height / 2.0 + 80, titleOpacity);

var clock = Stopwatch.StartNew();
await using MediaWriter writer = MediaWriter.Create(output, new VideoEncoderOptions { Encoder = "libx264", Crf = 20, Preset = "veryfast" },
    source: a.Video);
await writer.WriteAsync(promo, new Progress<PipelineProgress>(p => Console.Write($"\r{p.Frames} frames, {p.FramesPerSecond:0.0} fps   ")),
    cancellationToken: cancel.Token);
Console.WriteLine($"\n{writer.FramesWritten} frames ({Width}x{Height}) in {clock.Elapsed.TotalSeconds:0.00} s -> {output}");
if (sintel is not null) Console.WriteLine("Footage: Sintel, CC-BY 3.0, (c) Blender Foundation | durian.blender.org");
