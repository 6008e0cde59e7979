// The README's accuracy table from results.jsonl, and the summary against the issue's goals: prediction within ±0.5 of the
// full-file VMAF in at least 90 % of cases; after verification never below target − 0.25 nor above target + 1; mean probes
// per search at most 4; 0 probes on a cache hit.
using System.Globalization;
using System.Text.Json;

namespace Ovni.TargetQualityBench;

internal static class ResultTable
{
    internal static int Print(Arguments args)
    {
        string results = Path.Combine(args.Get("work"), "results.jsonl");
        var rows = File.ReadAllLines(results).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<CaseResult>(l, AccuracyRun.Json)!)
            .OrderBy(r => r.Input, StringComparer.Ordinal).ThenBy(r => r.Encoder, StringComparer.Ordinal).ThenBy(r => r.Target).ToList();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine("| input | encoder (preset) | target | CRF | predicted | measured | error | probes | search | after verification | total | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (CaseResult r in rows)
        {
            double error = r.AttemptMeasured[0] - r.Predicted;
            string after = r.AttemptCrfs.Length > 1
                ? string.Create(c, $"CRF {r.FinalCrf:0.##}: {r.FinalMeasured:0.00} (corrected)")
                : string.Create(c, $"{r.FinalMeasured:0.00}");
            Console.WriteLine(string.Create(c,
                $"| {Path.GetFileNameWithoutExtension(r.Input)} | {r.Encoder} ({r.Preset}) | {r.Target:0} | {r.Crf:0.##} | {r.Predicted:0.00} | {r.AttemptMeasured[0]:0.00} | {error:+0.00;-0.00} | {r.Probes} | {r.SearchSeconds:0} s | {after} | {r.TotalSeconds:0} s | {r.Load.Split(' ')[0]} |"));
        }
        // The planned cases (--inputs names, --encoders, --targets) that have no row yet.
        if (args.Get("inputs", "") is { Length: > 0 } inputs)
        {
            var notRun = (from input in inputs.Split(',') from e in args.Encoders() from t in args.Get("targets", "90,95").Split(',')
                          let name = $"{input}/{e.Encoder}:{e.Preset}/{t}" where !rows.Any(r => r.Case == name) select name).ToList();
            Console.WriteLine();
            Console.WriteLine($"not run ({notRun.Count}): {string.Join(", ", notRun)}");
        }
        int n = rows.Count;
        if (n == 0) return 0;
        int close = rows.Count(r => Math.Abs(r.AttemptMeasured[0] - r.Predicted) <= 0.5);
        int inWindow = rows.Count(r => r.FinalMeasured >= r.Target - 0.25 && r.FinalMeasured <= r.Target + 1.0);
        int below = rows.Count(r => r.FinalMeasured < r.Target - 0.25);
        double meanProbes = rows.Average(r => r.Probes);
        int cacheHits = rows.Count(r => r.CacheHitProbes == 0);
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"cases: {n}; prediction within ±0.5 of the full-file VMAF: {close}/{n} ({100.0 * close / n:0}%, goal ≥ 90%); " +
            $"mean |error| {rows.Average(r => Math.Abs(r.AttemptMeasured[0] - r.Predicted)):0.00}, mean error {rows.Average(r => r.AttemptMeasured[0] - r.Predicted):+0.00;-0.00}"));
        Console.WriteLine(string.Create(c, $"after verification within target −0.25 … +1.0: {inWindow}/{n} (below: {below}); corrective encodes: {rows.Count(r => r.AttemptCrfs.Length > 1)}"));
        Console.WriteLine(string.Create(c, $"mean probes per search: {meanProbes:0.00} (goal ≤ 4); repeated search from the cache encoded 0 probes in {cacheHits}/{n} cases"));
        return 0;
    }
}
