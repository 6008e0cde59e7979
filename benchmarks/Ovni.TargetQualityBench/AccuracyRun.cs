// For every input × encoder × target: search (samples, probes), full encode at the answer, full verification (every frame)
// and, when it misses, the corrective encode — exactly `ovni encode --verify full`. The first encode's full-file VMAF is
// what the prediction is judged against; the published file's is what verification guarantees. A repeated search then
// checks the cache (0 probes). Results are appended one JSON line per case; cases already there are skipped, so the run
// can be stopped and resumed. Per-frame scores of every verified encode go to frames/ for later analysis.
using System.Diagnostics;
using System.Text.Json;
using Ovni.Encoding;

namespace Ovni.TargetQualityBench;

internal static class AccuracyRun
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal static async Task<int> RunAsync(Arguments args)
    {
        string inputs = args.Get("inputs"), work = args.Get("work");
        double[] targets = args.Get("targets", "90,95").Split(',').Select(double.Parse).ToArray();
        string[]? only = args.Get("only", "") is { Length: > 0 } o ? o.Split(',') : null;
        Directory.CreateDirectory(Path.Combine(work, "frames"));
        Directory.CreateDirectory(Path.Combine(work, "out"));
        string results = Path.Combine(work, "results.jsonl");
        var done = File.Exists(results)
            ? File.ReadAllLines(results).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<CaseResult>(l, Json)!.Case).ToHashSet()
            : [];
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        var files = Directory.GetFiles(inputs, "*.mp4").Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith("speed", StringComparison.Ordinal))
            .Where(f => only is null || only.Contains(Path.GetFileNameWithoutExtension(f))).Order().ToList();
        // Round-robin over inputs first, so an interrupted run still covers every kind of content; with --order balanced each
        // next case is the one whose input, encoder and target have been run least so far, so a run stopped early still
        // covers every input, encoder and target.
        var cases = (from target in targets from encoder in args.Encoders() from file in files select (file, encoder, target)).ToList();
        if (args.Get("order", "inputs") == "balanced") cases = Balanced(cases.Where(c => !done.Contains(Name(c.file, c.encoder, c.target))).ToList());
        foreach (var (file, (encoder, preset), target) in cases)
        {
            string name = Name(file, (encoder, preset), target);
            if (done.Contains(name)) continue;
            Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {name} (load {Load()})");
            CaseResult result = await RunCaseAsync(file, encoder, preset, target, name, work, stop.Token);
            File.AppendAllText(results, JsonSerializer.Serialize(result, Json) + "\n");
            AppendCsv(Path.Combine(work, "results.csv"), result);
            Console.Error.WriteLine($"  CRF {result.Crf} predicted {result.Predicted:0.00}, measured {result.AttemptMeasured[0]:0.00}, final {result.FinalMeasured:0.00} at CRF {result.FinalCrf}, " +
                $"{result.Probes} probes, search {result.SearchSeconds:0} s, total {result.TotalSeconds:0} s");
        }
        return 0;
    }

    private static string Name(string file, (string Encoder, string Preset) encoder, double target) => $"{Path.GetFileNameWithoutExtension(file)}/{encoder.Encoder}:{encoder.Preset}/{target}";

    private static List<(string File, (string, string) Encoder, double Target)> Balanced(List<(string File, (string, string) Encoder, double Target)> cases)
    {
        var order = new List<(string, (string, string), double)>();
        var used = new Dictionary<object, int>();
        int Count(object key) => used.GetValueOrDefault(key);
        while (cases.Count > 0)
        {
            var next = cases.MinBy(c => (Count(c.File) + Count(c.Encoder) + Count(c.Target), Count(c.File)));
            cases.Remove(next);
            order.Add(next);
            foreach (object key in new object[] { next.File, next.Encoder, next.Target }) used[key] = Count(key) + 1;
        }
        return order;
    }

    private static async Task<CaseResult> RunCaseAsync(string file, string encoder, string preset, double target, string name, string work, CancellationToken ct)
    {
        var search = new TargetQualityOptions
        {
            TargetVmaf = target, Encoder = encoder, Preset = preset, CachePath = Path.Combine(work, "cache.sqlite"), Models = VmafModelCatalog.FromEnvironment(),
        };
        string safe = name.Replace('/', '_').Replace(':', '-');
        var options = new TargetQualityEncodeOptions
        {
            Search = search, Verify = VerifyMode.Full, MaxSizePercent = 1000,
            Verified = (crf, frames) => File.WriteAllText(Path.Combine(work, "frames", $"{safe}_crf{crf}.json"), JsonSerializer.Serialize(frames)),
        };
        string output = Path.Combine(work, "out", safe + ".mkv");
        var clock = Stopwatch.StartNew();
        var progress = new Progress<TargetQualityProgress>(p => { if (p.Phase is "encode" or "verify" or "done") Console.Error.WriteLine($"  {p.Phase}: {p.Message}"); });
        TargetQualityEncodeResult r = await TargetQualityEncoder.EncodeAsync(file, output, options, progress, ct);
        double total = clock.Elapsed.TotalSeconds;
        TargetQualityResult again = await new TargetQualitySearch(search).SearchAsync(file, cancellationToken: ct);
        File.Delete(output);
        TargetQualityResult s = r.Search;
        return new CaseResult
        {
            Case = name, Input = Path.GetFileName(file), Encoder = encoder, Preset = preset, Target = target,
            Crf = s.Crf, Predicted = s.PredictedVmaf, Reachable = s.Reachable, Probes = s.ProbesEncoded,
            ProbeCrfs = s.Probes.Select(p => p.Crf).ToArray(), ProbeVmafs = s.Probes.Select(p => p.Vmaf).ToArray(),
            Placement = s.Placement.ToString(), Samples = s.SampleCount, SampleFrames = s.SampleFrames, SearchSeconds = s.Elapsed.TotalSeconds,
            AttemptCrfs = r.Attempts.Select(a => a.Crf).ToArray(), AttemptMeasured = r.Attempts.Select(a => a.MeasuredVmaf).ToArray(),
            AttemptBytes = r.Attempts.Select(a => a.Bytes).ToArray(), AttemptEncodeSeconds = r.Attempts.Select(a => a.EncodeTime.TotalSeconds).ToArray(),
            AttemptVerifySeconds = r.Attempts.Select(a => a.VerifyTime.TotalSeconds).ToArray(),
            Outcome = r.Outcome.ToString(), FinalCrf = r.Final?.Crf ?? double.NaN, FinalMeasured = r.Final?.MeasuredVmaf ?? double.NaN,
            SourceBytes = r.SourceBytes, CacheHitProbes = again.ProbesEncoded, TotalSeconds = total, Load = Load(), Finished = DateTime.UtcNow.ToString("O"),
        };
    }

    // The same case as one CSV row (for spreadsheets; results.jsonl stays the source of the table).
    private static void AppendCsv(string path, CaseResult r)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (!File.Exists(path))
            File.WriteAllText(path, "case,input,encoder,preset,target,crf,predicted,measured,error,probes,search_s,final_crf,final_measured,corrected,outcome,cache_hit_probes,total_s,load\n");
        double measured = r.AttemptMeasured.Length > 0 ? r.AttemptMeasured[0] : double.NaN;
        File.AppendAllText(path, string.Create(c,
            $"{r.Case},{r.Input},{r.Encoder},{r.Preset},{r.Target},{r.Crf},{r.Predicted:0.000},{measured:0.000},{measured - r.Predicted:0.000},{r.Probes},{r.SearchSeconds:0.0},") +
            string.Create(c, $"{r.FinalCrf},{r.FinalMeasured:0.000},{r.AttemptCrfs.Length > 1},{r.Outcome},{r.CacheHitProbes},{r.TotalSeconds:0.0},{r.Load.Replace(' ', '/')}\n"));
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
