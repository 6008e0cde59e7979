// The speed ratios of the issue on one input: per encoder, a search with no cache (scene detection or key frames, samples,
// probes), the full encode at its answer (decode, encode, mux, audio copied) and a sampled verification of that encode,
// all in one process, one after the other: search / encode and (search + sampled verification) / encode.
using System.Globalization;
using System.Text.Json;
using Ovni.Encoding;

namespace Ovni.TargetQualityBench;

internal static class SpeedRun
{
    internal static async Task<int> RunAsync(Arguments args)
    {
        string input = args.Get("input"), work = args.Get("work");
        double target = double.Parse(args.Get("target", "95"), CultureInfo.InvariantCulture);
        Directory.CreateDirectory(work);
        var c = CultureInfo.InvariantCulture;
        foreach (var (encoder, preset) in args.Encoders())
        {
            var options = new TargetQualityEncodeOptions
            {
                Search = new TargetQualityOptions { TargetVmaf = target, Encoder = encoder, Preset = preset, Models = VmafModelCatalog.FromEnvironment() },
                Verify = VerifyMode.Sampled, MaxSizePercent = 1000,
            };
            string output = Path.Combine(work, $"speed-{encoder}.mkv");
            string loadBefore = AccuracyRun.Load();
            TargetQualityEncodeResult r = await TargetQualityEncoder.EncodeAsync(input, output, options);
            File.Delete(output);
            EncodeAttempt first = r.Attempts[0];
            double search = r.Search.Elapsed.TotalSeconds, encode = first.EncodeTime.TotalSeconds, verify = first.VerifyTime.TotalSeconds;
            string line = string.Create(c,
                $"| {encoder} ({preset}) | {search:0} s | {encode:0} s | {verify:0} s | {100 * search / encode:0}% | {100 * (search + verify) / encode:0}% | {r.Search.Placement}, {r.Search.SampleCount} samples, {r.Search.ProbesEncoded} probes | load {loadBefore} → {AccuracyRun.Load()} |");
            Console.WriteLine(line);
            File.AppendAllText(Path.Combine(work, "speed.txt"), line + "\n");
            File.AppendAllText(Path.Combine(work, "speed.jsonl"), JsonSerializer.Serialize(new
            {
                encoder, preset, input, search, encode, verify, placement = r.Search.Placement.ToString(), samples = r.Search.SampleCount,
                sample_frames = r.Search.SampleFrames, probes = r.Search.ProbesEncoded, crf = r.Search.Crf, predicted = r.Search.PredictedVmaf,
                measured_sampled = first.MeasuredVmaf, finished = DateTime.UtcNow.ToString("O"),
            }) + "\n");
        }
        return 0;
    }
}
