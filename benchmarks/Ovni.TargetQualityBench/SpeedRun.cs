// The speed ratios of the issue on one input: per encoder, a search with no cache (scene detection or key frames, samples,
// probes), the full encode at its answer (decode, encode, mux, audio copied) and a sampled verification of that encode,
// all in one process, one after the other: search / encode and (search + sampled verification) / encode, in wall time and
// in this process's CPU time (each phase timed as it begins), with the search's own phases for the profile.
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
                Search = new TargetQualityOptions
                {
                    TargetVmaf = target, Encoder = encoder, Preset = preset, Models = VmafModelCatalog.FromEnvironment(),
                    Tuning = EncoderProfile.For(encoder).Tuning with { OneEncoder = args.Get("one-encoder", "1") == "1" },
                    Logger = args.Get("debug", "1") == "1" ? new ConsoleDebugLogger() : null,
                },
                Verify = VerifyMode.Sampled, MaxSizePercent = 1000,
            };
            if (args.Get("search-only", "0") == "1")
            {
                // The search alone (no encode), for alternating before/after comparisons of the search's cost.
                var alone = new PhaseClock();
                TargetQualityResult found = await new TargetQualitySearch(options.Search).SearchAsync(input, alone);
                alone.Stop();
                (double wall, double cpu) = alone.Until("end");
                string searchPhases = string.Join(", ", alone.SearchPhases().Select(p => string.Create(c, $"{p.Phase} {p.Wall:0.0}/{p.Cpu:0.0}")));
                string row = string.Create(c, $"search-only {encoder} ({preset}) one-encoder={args.Get("one-encoder", "1")}: {wall:0.0} s wall, {cpu:0.0} s CPU, {found.ProbesEncoded} probes, CRF {found.Crf}; phases {searchPhases}; load {AccuracyRun.Load()}");
                Console.WriteLine(row);
                File.AppendAllText(Path.Combine(work, "speed.txt"), row + "\n");
                continue;
            }
            string output = Path.Combine(work, $"speed-{encoder}.mkv");
            string loadBefore = AccuracyRun.Load();
            var clock = new PhaseClock();
            TargetQualityEncodeResult r = await TargetQualityEncoder.EncodeAsync(input, output, options, clock);
            clock.Stop();
            File.Delete(output);
            EncodeAttempt first = r.Attempts[0];
            (double search, double searchCpu) = clock.Until("encode");
            (double encode, double encodeCpu) = clock.Span("encode");
            (double verify, double verifyCpu) = clock.Span("verify");
            string phases = string.Join(", ", clock.SearchPhases().Select(p => string.Create(c, $"{p.Phase} {p.Wall:0.0}/{p.Cpu:0.0}")));
            string line = string.Create(c,
                $"| {encoder} ({preset}) | {search:0.0} s ({searchCpu:0.0} s CPU) | {encode:0.0} s ({encodeCpu:0.0} s CPU) | {verify:0.0} s ({verifyCpu:0.0} s CPU) | " +
                $"{100 * search / encode:0.0}% ({100 * searchCpu / encodeCpu:0.0}% CPU) | {100 * (search + verify) / encode:0.0}% ({100 * (searchCpu + verifyCpu) / encodeCpu:0.0}% CPU) | " +
                $"{r.Search.Placement}, {r.Search.SampleCount} samples × {r.Search.SampleFrames / Math.Max(1, r.Search.SampleCount)} frames, {r.Search.ProbesEncoded} probes, CRF {r.Search.Crf} | load {loadBefore} → {AccuracyRun.Load()} |");
            Console.WriteLine(line);
            Console.WriteLine("  search phases (wall/CPU s): " + phases);
            File.AppendAllText(Path.Combine(work, "speed.txt"), line + "\n  search phases (wall/CPU s): " + phases + "\n");
            File.AppendAllText(Path.Combine(work, "speed.jsonl"), JsonSerializer.Serialize(new
            {
                encoder, preset, input, search, search_cpu = searchCpu, encode, encode_cpu = encodeCpu, verify, verify_cpu = verifyCpu, phases,
                placement = r.Search.Placement.ToString(), samples = r.Search.SampleCount,
                sample_frames = r.Search.SampleFrames, probes = r.Search.ProbesEncoded, crf = r.Search.Crf, predicted = r.Search.PredictedVmaf,
                measured_sampled = first.MeasuredVmaf, threads = Environment.ProcessorCount, finished = DateTime.UtcNow.ToString("O"),
            }) + "\n");
        }
        return 0;
    }
}
