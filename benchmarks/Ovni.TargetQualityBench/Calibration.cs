// Where a search's error comes from, on one input and one CRF: the full encode's per-frame VMAF (the truth), then for
// several sample plans (length, lead-out, count) the samples encoded at the same CRF and scored. For each plan:
//   coverage error = mean of the full encode's scores on the sampled frames (weighted as the plan weighs them) − full mean
//   encode bias    = the samples' own scores − the full encode's scores on the same frames
//   total          = the plan's prediction − full mean (what the search would be off by at this CRF)
// plus the wall and CPU time of each part, so the tuning can weigh accuracy against cost.
// Usage: Ovni.TargetQualityBench calibrate --input F --work DIR [--encoders libx264:fast] [--target 95] [--one-encoder 1|0] [--debug 1|0]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ovni.Encoding;
using Ovni.IO;
using Ovni.Quality;

namespace Ovni.TargetQualityBench;

internal static class Calibration
{
    internal static async Task<int> RunAsync(Arguments args)
    {
        string input = args.Get("input"), work = args.Get("work");
        Directory.CreateDirectory(work);
        double target = double.Parse(args.Get("target", "95"), CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        VmafModelCatalog models = VmafModelCatalog.FromEnvironment();
        VideoStreamInfo video = MediaReader.Probe(input).Video!;
        VmafModel model = models.For(video.Width, video.Height);
        double fps = video.FrameRate.ToDouble();
        string stem = Path.GetFileNameWithoutExtension(input);

        (KeyFrameIndex index, double indexWall, double indexCpu) = Timed(() => KeyFrameIndex.Read(input));
        Console.WriteLine(string.Create(c, $"{stem}: {index.FrameCount} frames, {index.KeyFrames.Count} key frames; key frame index {indexWall:0.0} s wall {indexCpu:0.0} s CPU"));
        foreach (var (encoder, preset) in args.Encoders())
        {
            EncoderProfile profile = EncoderProfile.For(encoder);
            double crf = double.Parse(args.Get("crf", profile.Guess(target).ToString(c)), c);
            string full = Path.Combine(work, $"{stem}-{encoder}-{preset}-crf{crf}.mkv"), truthFile = full + ".vmaf.json";
            double[] truth;
            if (!File.Exists(truthFile))
            {
                var extra = new Dictionary<string, string>();
                profile.Apply(crf, extra);
                (_, double encWall, double encCpu) = await TimedAsync(() => Transcoder.TranscodeAsync(input, full, new VideoEncoderOptions { Encoder = encoder, Preset = preset, ExtraOptions = extra }));
                (IReadOnlyList<double> frames, double vWall, double vCpu) = await TimedAsync(() => TargetQualityEncoder.MeasureFramesAsync(input, full, model, VerifyMode.Full, CancellationToken.None));
                (IReadOnlyList<double> sampledFrames, double sWall, double sCpu) = await TimedAsync(() => TargetQualityEncoder.MeasureFramesAsync(input, full, model, VerifyMode.Sampled, CancellationToken.None));
                truth = frames.ToArray();
                File.WriteAllText(truthFile, JsonSerializer.Serialize(truth));
                Console.WriteLine(string.Create(c, $"{encoder} {preset} CRF {crf}: full encode {encWall:0} s wall {encCpu:0} s CPU; full VMAF {vWall:0} s / {vCpu:0} s CPU = {truth.Average():0.000}; " +
                    $"sampled verification {sWall:0} s / {sCpu:0} s CPU = {sampledFrames.Average():0.000} ({sampledFrames.Count} frames)"));
            }
            truth = JsonSerializer.Deserialize<double[]>(File.ReadAllText(truthFile))!;
            double mean = truth.Average();
            foreach (string variant in args.Get("variants", "1.5:0:0,1.5:24:0,3:0:0,3:24:0").Split(','))
            {
                // seconds : lead-out frames : samples (0 = tuning's count) [: score every Nth frame [: lead-in frames [: key frame per sample 1|0|s
                // [: lead-in frames kept by a sample that runs on in the stream]]]]
                string[] v = variant.Split(':');
                var tuning = profile.Tuning with
                {
                    SampleDuration = TimeSpan.FromSeconds(double.Parse(v[0], c)), LeadOutFrames = int.Parse(v[1], c),
                    VmafSubsample = v.Length > 3 ? int.Parse(v[3], c) : profile.Tuning.VmafSubsample,
                    LeadInFrames = v.Length > 4 ? int.Parse(v[4], c) : profile.Tuning.LeadInFrames,
                    OneEncoder = args.Get("one-encoder", "1") == "1",
                    // 1: a key frame per sample; 0: one stream, key frames where frames repeat; s: one stream throughout
                    KeyFramePerSample = v.Length > 5 ? v[5] == "1" : profile.Tuning.KeyFramePerSample,
                    RepeatShareForKeyFrame = v.Length > 5 && v[5] == "s" ? 2 : profile.Tuning.RepeatShareForKeyFrame,
                    StreamLeadInFrames = v.Length > 6 ? int.Parse(v[6], c) : profile.Tuning.StreamLeadInFrames,
                };
                var options = new TargetQualityOptions
                {
                    Encoder = encoder, Preset = preset, Tuning = tuning, SampleCount = int.Parse(v[2], c), Models = models,
                    Placement = Enum.Parse<SamplePlacement>(args.Get("placement", "Systematic"), ignoreCase: true),
                    Logger = args.Get("debug", "1") == "1" ? new ConsoleDebugLogger() : null,
                };
                (SamplePlacement placement, IReadOnlyList<SampleSpan> spans) = SamplePlanner.Plan(index.FrameCount, fps, options, null, index);
                using ScratchFolder scratch = ScratchFolder.Create("cal"); // a killed calibration's samples go with the next run
                string temp = scratch.Path;
                {
                    (SampleSet samples, double xWall, double xCpu) = await TimedAsync(() => SampleSet.ExtractAsync(input, spans, placement == SamplePlacement.WholeFile, temp, CancellationToken.None));
                    await using (samples)
                    {
                        (ProbeRecord record, double pWall, double pCpu) = await TimedAsync(() => ProbeRunner.RunAsync(samples, profile, options, crf, model, temp, CancellationToken.None));
                        double predicted = 0, onTruth = 0;
                        for (int k = 0; k < spans.Count; k++)
                        {
                            long first = (long)Math.Round(spans[k].Start.TotalSeconds * fps);
                            int n = record.Vmaf[k].Length;
                            predicted += spans[k].Weight * record.Vmaf[k].Average(x => (double)x);
                            int lead = samples.LeadIns[k]; // as ProbeRunner pools: the scorer counts frames from the lead-in's first
                            int skip = lead == 0 && samples.StartsMidFile[k] && samples.FrameCounts[k] > 1 ? 1 : 0;
                            onTruth += spans[k].Weight * Enumerable.Range(0, samples.FrameCounts[k]).Where(i => (lead + i) % Math.Max(1, tuning.VmafSubsample) == 0 && i >= skip)
                                .Select(i => truth[Math.Min(truth.Length - 1, first + i)]).Average();
                        }
                        long encoded = record.Frames.Sum(), scored = record.Vmaf.Sum(x => x.Length);
                        Console.WriteLine(string.Create(c,
                            $"  {variant,-10} {spans.Count} samples (repeated frames {samples.RepeatShares.Average():0.00}), {samples.FrameCounts.Sum()} frames ({100.0 * samples.FrameCounts.Sum() / truth.Length:0.0}%), {encoded} encoded, {scored} scored: " +
                            $"total {predicted - mean:+0.00;-0.00} = coverage {onTruth - mean:+0.00;-0.00} + encode bias {predicted - onTruth:+0.00;-0.00}; " +
                            $"extract {xWall:0.0}/{xCpu:0.0} s, probe {pWall:0.0}/{pCpu:0.0} s (wall/CPU)"));
                    }
                }
            }
        }
        return 0;
    }

    private static (T, double Wall, double Cpu) Timed<T>(Func<T> work)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        T result = work();
        return (result, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static async Task<(T, double Wall, double Cpu)> TimedAsync<T>(Func<Task<T>> work)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        T result = await work();
        return (result, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
