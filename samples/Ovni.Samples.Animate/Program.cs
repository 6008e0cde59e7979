// Ovni's main demo: two real clips → 720p → cross-fade → a logo that glides in with easing → captions →
// H.264 mp4 with the first clip's audio. Usage: Ovni.Samples.Animate [output.mp4] [clipA] [clipB]
using System.Diagnostics;
using Ovni;
using Ovni.Animation;
using Ovni.Captions;

const int Width = 1280, Height = 720;
string output = args.Length > 0 ? args[0] : "out/animate.mp4";
string clipA = args.Length > 1 ? args[1] : Clips.Find("internal_emulator_transformer_output.mp4") ?? Clips.Generate("a", "testsrc2");
string clipB = args.Length > 2 ? args[2] : Clips.Find("tears-of-steel-battle-clip-medium.webm") ?? Clips.Generate("b", "mandelbrot");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

await using MediaReader a = MediaReader.Open(clipA);
await using MediaReader b = MediaReader.Open(clipB);
Console.WriteLine($"A: {clipA} ({a.Video.Width}x{a.Video.Height}, {a.Video.Duration.TotalSeconds:0.0} s)");
Console.WriteLine($"B: {clipB} ({b.Video.Width}x{b.Video.Height}, first 6 s)");

// The logo: a rounded gradient badge, drawn by Ovni itself (no asset needed).
using GpuFrame logo = await Clips.FirstAsync(FrameSources.Gradient(240, 72, RgbaColor.Parse("#ff6a00ff"), RgbaColor.Parse("#ee0979ff"),
    0, TimeSpan.FromSeconds(0.04), new Rational(25, 1), PixelFormat.Rgba));
logo.RoundCorners(24);

// It glides in from the left with an ease-out, rests, and fades out at the end.
var logoX = new Keyframes<double>()
    .Add(TimeSpan.Zero, -260, Easing.CubicOut)
    .Add(TimeSpan.FromSeconds(1.2), 40);
var logoOpacity = new Keyframes<double>()
    .Add(TimeSpan.FromSeconds(8.5), 1.0, Easing.QuadIn)
    .Add(TimeSpan.FromSeconds(9.5), 0.0);

IAsyncEnumerable<GpuFrame> first = a.ReadFramesAsync(cancel.Token).ConvertTo(PixelFormat.Yuv420P).Fit(Width, Height);
IAsyncEnumerable<GpuFrame> second = b.ReadFramesAsync(cancel.Token).Trim(TimeSpan.Zero, TimeSpan.FromSeconds(6))
    .ChangeFrameRate(a.Video.FrameRate).ConvertTo(PixelFormat.Yuv420P).Fit(Width, Height);

IAsyncEnumerable<GpuFrame> edit = first
    .CrossFadeInto(second, TimeSpan.FromSeconds(1), cancel.Token)
    .Overlay(logo, logoX, 40, logoOpacity)
    .Captions(CaptionTrack.Load(Path.Combine(AppContext.BaseDirectory, "captions.srt")));

var clock = Stopwatch.StartNew();
await using MediaWriter writer = MediaWriter.Create(output,
    new VideoEncoderOptions { Encoder = "libx264", Crf = 21, Preset = "veryfast" },
    new MediaWriterOptions { CopyStreamsFrom = clipA, CopySubtitles = false },
    a.Video);
await writer.WriteAsync(edit, new Progress<PipelineProgress>(p => Console.Write($"\r{p.Frames} frames, {p.FramesPerSecond:0.0} fps   ")),
    cancellationToken: cancel.Token);
Console.WriteLine($"\n{writer.FramesWritten} frames in {clock.Elapsed.TotalSeconds:0.00} s = {writer.FramesWritten / clock.Elapsed.TotalSeconds:0.0} fps -> {output}");
