using System.Globalization;
using Ovni.Encoding.Library;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ovni.Cli.Commands;

/// <summary>
/// The live dashboard of <c>ovni auto-encode</c>: configuration summary, total progress and ETA (from the queue's
/// learned speeds), space saved so far, and one panel per worker with its file, phase, progress, fps and last log lines.
/// Events only update this model; a Spectre live display redraws it twice a second.
/// </summary>
internal sealed class AutoEncodeDashboard(AutoEncodeOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkerView> _workers = new(StringComparer.Ordinal);
    private readonly List<string> _queueLog = new();
    private int _done, _skipped, _failed;
    private long _saved;
    private string? _held;
    private string _scan = "scanning…";
    private QueueStats? _stats;
    private DateTime _statsAt;

    private sealed class WorkerView
    {
        internal string File = "";
        internal string Phase = "";
        internal double Fraction;
        internal double Fps;
        internal TimeSpan? Eta;
        internal readonly List<string> Lines = new();
    }

    internal void Apply(AutoEncodeEvent e)
    {
        lock (_gate)
        {
            WorkerView? w = e.Worker is null ? null : (_workers.TryGetValue(e.Worker, out var v) ? v : _workers[e.Worker] = new WorkerView());
            switch (e.Kind)
            {
                case AutoEncodeEventKind.Scanned:
                    _scan = e.Message ?? _scan;
                    break;
                case AutoEncodeEventKind.Phase when w is not null:
                    if (w.File != e.Path) { w.Lines.Clear(); w.Fraction = 0; w.Fps = 0; w.Eta = null; }
                    w.File = e.Path ?? "";
                    w.Phase = $"{e.State?.ToString().ToLowerInvariant()}: {e.Message}";
                    break;
                case AutoEncodeEventKind.Progress when w is not null:
                    w.Fraction = e.Fraction ?? 0;
                    w.Fps = e.FramesPerSecond ?? 0;
                    w.Eta = e.FileEta;
                    break;
                case AutoEncodeEventKind.Log when w is not null:
                    Add(w.Lines, e.Message ?? "");
                    break;
                case AutoEncodeEventKind.Finished:
                    if (e.State == JobState.Done) { _done++; _saved += e.Entry is { OutputBytes: long o } entry ? entry.SourceBytes - o : 0; }
                    else if (e.State == JobState.Skipped) _skipped++;
                    else if (e.State is JobState.Failed or JobState.Excluded) _failed++;
                    if (w is not null) { w.Phase = $"finished: {e.State?.ToString().ToLowerInvariant()}"; Add(w.Lines, e.Message ?? ""); w.Fraction = 1; }
                    Add(_queueLog, $"{Path.GetFileName(e.Path)}: {e.State?.ToString().ToLowerInvariant()} — {e.Message}");
                    break;
                case AutoEncodeEventKind.Held:
                    if (e.JobId is null) _held = e.Message;
                    else Add(_queueLog, $"{Path.GetFileName(e.Path)}: {e.Message}");
                    break;
                case AutoEncodeEventKind.Reclaimed:
                    Add(_queueLog, $"reclaimed {Path.GetFileName(e.Path)}: {e.Message}");
                    break;
                case AutoEncodeEventKind.Log:
                    Add(_queueLog, e.Message ?? "");
                    break;
            }
        }
    }

    private static void Add(List<string> lines, string line)
    {
        lines.Add(line);
        if (lines.Count > 4) lines.RemoveAt(0);
    }

    /// <summary>Runs <paramref name="run"/> under the live display.</summary>
    internal async Task<AutoEncodeReport> RunAsync(AutoEncoder run, CancellationToken cancellationToken)
    {
        AutoEncodeReport? report = null;
        await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            Task<AutoEncodeReport> work = run.RunAsync(cancellationToken);
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(500, CancellationToken.None));
                RefreshStats();
                context.UpdateTarget(Render());
            }
            report = await work;
            RefreshStats();
            context.UpdateTarget(Render());
        });
        return report!;
    }

    private void RefreshStats()
    {
        if (DateTime.UtcNow - _statsAt < TimeSpan.FromSeconds(2) || !File.Exists(options.ResolvedDatabasePath)) return;
        _statsAt = DateTime.UtcNow;
        try
        {
            using EncodeQueue queue = EncodeQueue.Open(options.ResolvedDatabasePath);
            _stats = queue.Stats(options.Encoder, options.Preset);
        }
        catch (OvniException)
        {
            // The database is busy: the next refresh tries again.
        }
    }

    private IRenderable Render()
    {
        lock (_gate)
        {
            string target = options.TargetVmaf is double t ? $"target VMAF {t} (±{options.VmafTolerance})" : $"CRF {options.Crf}";
            var config = new Grid().AddColumn().AddColumn();
            config.AddRow("[grey]encoder[/]", Markup.Escape($"{options.Encoder} {options.Preset ?? "(default preset)"}, {target}, {options.BitDepth} depth, {options.Container}"));
            config.AddRow("[grey]sources[/]", Markup.Escape($"{options.SourceAction.ToString().ToLowerInvariant()}; min saving {options.MinSaving:P0}; output {(options.OutputFolder ?? "beside each source")}"));
            config.AddRow("[grey]slots[/]", Markup.Escape($"cpu {options.Workers.Cpu}, gpu {options.Workers.Gpu}, vmaf {options.Workers.Vmaf}; schedule {options.Schedule?.ToString() ?? "any time"}"));
            config.AddRow("[grey]library[/]", Markup.Escape($"{string.Join(", ", options.Roots)} — {_scan}"));

            int pending = _stats?.Counts.GetValueOrDefault(JobState.Pending) ?? 0;
            int active = _stats is null ? 0 : JobStateCounts(_stats);
            int total = _done + _skipped + _failed + pending + active;
            double fraction = total == 0 ? 0 : (_done + _skipped + _failed) / (double)total;
            int slots = Math.Max(1, options.IsGpuEncoder ? options.Workers.Gpu : options.Workers.Cpu);
            TimeSpan? eta = _stats is null ? null : TimeSpan.FromSeconds(_stats.PendingEta.TotalSeconds / slots);
            string etaText = eta is TimeSpan e ? $"{Format(e)}{(_stats!.EtaGuesses > 0 ? $" (≈, {_stats.EtaGuesses} without history)" : "")}" : "…";
            var totals = new Rows(
                new BreakdownChart().Width(60).AddItem("done", _done, Color.Green).AddItem("skipped", _skipped, Color.Grey)
                    .AddItem("failed", _failed, Color.Red).AddItem("left", pending + active, Color.Blue),
                new Markup(Markup.Escape($"{fraction:P0} of {total} files · ETA {etaText} · saved {AutoEncodeCommand.Bytes(_saved)} this run, {AutoEncodeCommand.Bytes(_stats?.SavedBytes ?? 0)} in all")),
                new Markup(_held is null ? "[green]running[/]" : $"[yellow]held:[/] {Markup.Escape(_held)}"));

            var panels = new List<IRenderable>
            {
                new Panel(config).Header("ovni auto-encode").Expand(),
                new Panel(totals).Header("queue").Expand(),
            };
            foreach (var (name, w) in _workers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                string bar = new string('█', (int)(w.Fraction * 30)) + new string('░', 30 - (int)(w.Fraction * 30));
                var body = new Rows(new IRenderable[]
                {
                    new Markup($"[bold]{Markup.Escape(Path.GetFileName(w.File))}[/] [grey]{Markup.Escape(Path.GetDirectoryName(w.File) ?? "")}[/]"),
                    new Markup($"{Markup.Escape(w.Phase)}  {bar} {w.Fraction:P0}  {w.Fps.ToString("0.0", CultureInfo.InvariantCulture)} fps  ETA {(w.Eta is TimeSpan fe ? Format(fe) : "…")}"),
                }.Concat(w.Lines.Select(l => new Markup($"[grey]{Markup.Escape(l)}[/]"))));
                panels.Add(new Panel(body).Header(name).Expand());
            }
            if (_queueLog.Count > 0) panels.Add(new Panel(new Rows(_queueLog.Select(l => new Markup(Markup.Escape(l))))).Header("recent").Expand());
            return new Rows(panels);
        }
    }

    private static int JobStateCounts(QueueStats stats) =>
        stats.Counts.Where(kv => kv.Key is JobState.Scanning or JobState.Searching or JobState.Encoding or JobState.Verifying or JobState.Publishing).Sum(kv => kv.Value);

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min" : t.TotalMinutes >= 1 ? $"{t.Minutes} min {t.Seconds:00} s" : $"{t.Seconds} s";
}
