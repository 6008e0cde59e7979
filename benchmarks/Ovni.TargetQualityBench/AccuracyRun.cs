// For every input × encoder × target: search (samples, probes), full encode at the answer, full verification (every frame)
// and, when it misses, the corrective encode — exactly `ovni encode --verify full`. The first encode's full-file VMAF is
// what the prediction is judged against; the published file's is what verification guarantees. A repeated search then
// checks the cache (0 probes). Results are appended one JSON line per case; cases already there are skipped, so the run
// can be stopped and resumed. Per-frame scores of every full encode go to truth/ (re-used, and for later analysis).
using System.Diagnostics;
using System.Text.Json;
using Ovni.Encoding;
using Ovni.Quality;

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
        if (args.Get("order", "inputs") == "pairs") cases = Pairs(files, args.Encoders(), targets);
        // --skip N starts N cases into the order (a second runner beside a first); each case is claimed by a file in claims/,
        // so two runners never run the same case.
        // --cases a/b:c/90,... runs exactly those cases in that order (the quick ones first when time is short).
        if (args.Get("cases", "") is { Length: > 0 } wanted)
            cases = wanted.Split(',').Select(w => cases.FirstOrDefault(c => Name(c.file, c.encoder, c.target) == w)).Where(c => c.file is not null).ToList();
        cases = cases.Skip(int.Parse(args.Get("skip", "0"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Directory.CreateDirectory(Path.Combine(work, "claims"));
        foreach (var (file, (encoder, preset), target) in cases)
        {
            string name = Name(file, (encoder, preset), target);
            if (done.Contains(name)) continue;
            try { using (File.Open(Path.Combine(work, "claims", name.Replace('/', '_').Replace(':', '-')), FileMode.CreateNew)) { } }
            catch (IOException) { continue; }
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

    // Every input × encoder once (targets alternating, encoders rotating between inputs) before any second target.
    private static List<(string File, (string, string) Encoder, double Target)> Pairs(List<string> files, IReadOnlyList<(string, string)> encoders, double[] targets)
    {
        var order = new List<(string, (string, string), double)>();
        for (int pass = 0; pass < targets.Length; pass++)
            for (int e = 0; e < encoders.Count; e++)
                for (int f = 0; f < files.Count; f++)
                    order.Add((files[f], encoders[(e + f) % encoders.Count], targets[(pass + e + f) % targets.Length]));
        return order;
    }

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

    /// <summary>A full encode's measurement, kept so a changed estimator that lands on the same CRF re-uses it.</summary>
    internal sealed record Truth(double[] Frames, long Bytes, double EncodeSeconds, double VerifySeconds);

    // What `ovni encode --verify full` does (TargetQualityEncoder: search, full encode, full verification, up to two more
    // encodes on a miss as TargetQualityEncoder.NextCrf chooses them, the highest CRF that met the target published), with
    // each full encode's per-frame VMAF cached in truth/ by input, encoder, preset and CRF: the ground truth does not depend
    // on the estimator, so a changed estimator re-uses every encode it lands on again.
    private static async Task<CaseResult> RunCaseAsync(string file, string encoder, string preset, double target, string name, string work, CancellationToken ct)
    {
        var search = new TargetQualityOptions
        {
            TargetVmaf = target, Encoder = encoder, Preset = preset, CachePath = Path.Combine(work, "cache.sqlite"), Models = VmafModelCatalog.FromEnvironment(),
        };
        var clock = Stopwatch.StartNew();
        var progress = new Progress<TargetQualityProgress>(p => { if (p.Phase is "done") Console.Error.WriteLine($"  {p.Phase}: {p.Message}"); });
        TargetQualityResult s = await new TargetQualitySearch(search).SearchAsync(file, progress, ct);
        double total = clock.Elapsed.TotalSeconds;
        EncoderProfile profile = EncoderProfile.For(encoder);
        var attempts = new List<(double Crf, double Measured, Truth Truth)>();
        double crf = s.Crf;
        double tolerance = new TargetQualityEncodeOptions { Search = search }.Tolerance;
        while (true)
        {
            Truth truth = await MeasureAsync(file, encoder, preset, crf, work, ct);
            double measured = truth.Frames.Average();
            attempts.Add((crf, measured, truth));
            total += truth.EncodeSeconds + truth.VerifySeconds;
            if (TargetQualityEncoder.NextCrf(s, profile, attempts.ConvertAll(a => (a.Crf, a.Measured)), target, tolerance) is not { } next) break;
            crf = next;
        }
        var met = attempts.Where(a => a.Measured >= target - tolerance).ToList();
        var final = met.Count > 0 ? met.MaxBy(a => a.Crf) : attempts.MaxBy(a => a.Measured);
        TargetQualityResult again = await new TargetQualitySearch(search).SearchAsync(file, cancellationToken: ct);
        return new CaseResult
        {
            Case = name, Input = Path.GetFileName(file), Encoder = encoder, Preset = preset, Target = target,
            Crf = s.Crf, Predicted = s.PredictedVmaf, Reachable = s.Reachable, Probes = s.ProbesEncoded,
            ProbeCrfs = s.Probes.Select(p => p.Crf).ToArray(), ProbeVmafs = s.Probes.Select(p => p.Vmaf).ToArray(),
            Placement = s.Placement.ToString(), Samples = s.SampleCount, SampleFrames = s.SampleFrames, SearchSeconds = s.Elapsed.TotalSeconds,
            AttemptCrfs = attempts.Select(a => a.Crf).ToArray(), AttemptMeasured = attempts.Select(a => a.Measured).ToArray(),
            AttemptBytes = attempts.Select(a => a.Truth.Bytes).ToArray(), AttemptEncodeSeconds = attempts.Select(a => a.Truth.EncodeSeconds).ToArray(),
            AttemptVerifySeconds = attempts.Select(a => a.Truth.VerifySeconds).ToArray(),
            Outcome = met.Count > 0 ? "Published" : "PublishedBelowTarget", FinalCrf = final.Crf, FinalMeasured = final.Measured,
            SourceBytes = new FileInfo(file).Length, CacheHitProbes = again.ProbesEncoded, TotalSeconds = total, Load = Load(), Finished = DateTime.UtcNow.ToString("O"),
        };
    }

    /// <summary>The full encode at <paramref name="crf"/> and its per-frame VMAF, from truth/ when measured before.</summary>
    internal static async Task<Truth> MeasureAsync(string file, string encoder, string preset, double crf, string work, CancellationToken ct)
    {
        string folder = Path.Combine(work, "truth");
        Directory.CreateDirectory(folder);
        string key = Path.Combine(folder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(file)}_{encoder}-{preset}_crf{crf:0.##}.json"));
        if (File.Exists(key)) return JsonSerializer.Deserialize<Truth>(File.ReadAllText(key), Json)!;
        EncoderProfile profile = EncoderProfile.For(encoder);
        var extra = new Dictionary<string, string>();
        profile.Apply(crf, extra);
        string encoded = Path.Combine(work, "out", $".{Path.GetFileNameWithoutExtension(key)}.mkv");
        try
        {
            Console.Error.WriteLine($"  encode: CRF {crf:0.##}");
            var clock = Stopwatch.StartNew();
            await Transcoder.TranscodeAsync(file, encoded, new VideoEncoderOptions { Encoder = encoder, Preset = preset, ExtraOptions = extra }, cancellationToken: ct);
            double encodeSeconds = clock.Elapsed.TotalSeconds;
            long bytes = new FileInfo(encoded).Length;
            clock.Restart();
            VideoStreamInfo video = MediaReader.Probe(file).Video!;
            VmafModel model = VmafModelCatalog.FromEnvironment().For(video.Width, video.Height);
            IReadOnlyList<double> frames = await TargetQualityEncoder.MeasureFramesAsync(file, encoded, model, VerifyMode.Full, ct);
            var truth = new Truth(frames.ToArray(), bytes, encodeSeconds, clock.Elapsed.TotalSeconds);
            File.WriteAllText(key + ".tmp", JsonSerializer.Serialize(truth, Json));
            File.Move(key + ".tmp", key, overwrite: true);
            Console.Error.WriteLine($"  measured {truth.Frames.Average():0.000} (encode {encodeSeconds:0} s, verify {truth.VerifySeconds:0} s)");
            return truth;
        }
        finally
        {
            File.Delete(encoded);
        }
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
