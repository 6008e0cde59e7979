using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ovni.Encoding.Library;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary>
/// <c>ovni auto-encode [ROOTS…] [--config ovni.json] [flags]</c>: re-encodes a library unattended with a live dashboard
/// (or <c>--json</c> event lines), a log file and a final report (table + JSON).
/// </summary>
internal static class AutoEncodeCommand
{
    internal static Command Create()
    {
        var settings = new AutoEncodeSettings();
        var command = new Command("auto-encode", "Re-encode a media library unattended: persistent queue, verify before publish, resume after any crash.");
        foreach (Symbol symbol in settings.All)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        }
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            AutoEncodeOptions options = settings.Resolve(parse);
            options.Validate();
            // Running files are handed back to the queue on the way out; the writer may first finish its current frame.
            CliTermination.AllowGrace(TimeSpan.FromSeconds(20));
            bool json = parse.GetValue(settings.Json);
            string folder = Path.GetDirectoryName(options.ResolvedDatabasePath)!;
            string logPath = parse.GetValue(settings.Log) ?? Path.Combine(folder, "auto-encode.log");
            string reportPath = parse.GetValue(settings.Report) ?? Path.Combine(folder, "reports", $"report-{DateTime.Now:yyyyMMdd-HHmmss}.json");
            string effective = AutoEncodeConfigFile.ToJson(options);
            // A report or log path typed over a film, the queue's database or the configuration is refused now, not after the run.
            string? config = parse.GetValue(settings.Config) ?? (File.Exists("ovni.json") ? "ovni.json" : null);
            if (!options.DryRun)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
                MediaWriter.EnsureReportWritable(logPath, options.ResolvedDatabasePath, config, reportPath);
                MediaWriter.EnsureReportWritable(reportPath, options.ResolvedDatabasePath, config, logPath);
            }
            using var log = new RunLog(options.DryRun ? null : logPath);
            log.Write($"run started; effective configuration:\n{effective}");

            var dashboard = !json && !Console.IsOutputRedirected ? new AutoEncodeDashboard(options) : null;
            var sink = new EventSink(json, dashboard, log);
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { @event = "config", configuration = JsonDocument.Parse(effective).RootElement }, CliJson.Line));
            else
            {
                Console.WriteLine("Effective configuration:");
                Console.WriteLine(effective);
            }
            await using var run = new AutoEncoder(options) { Events = sink };
            AutoEncodeReport report;
            if (dashboard is not null)
                report = await dashboard.RunAsync(run, ct);
            else
                report = await run.RunAsync(ct);

            if (!options.DryRun)
            {
                MediaWriter.WriteReport(reportPath, JsonSerializer.SerializeToUtf8Bytes(ReportJson(report), CliJson.Options), options.ResolvedDatabasePath, config, logPath);
                log.Write($"run stopped: {report.StopReason}; report {reportPath}");
            }
            if (json)
                Console.WriteLine(JsonSerializer.Serialize(new { @event = "report", report = ReportJson(report) }, CliJson.Line));
            else
            {
                PrintReport(report, options.DryRun);
                if (!options.DryRun) Console.WriteLine($"report: {reportPath}\nlog: {logPath}");
            }
            return ct.IsCancellationRequested ? CliErrors.Cancelled : 0;
        }));
        return command;
    }

    internal static object ReportJson(AutoEncodeReport report) => new
    {
        started = report.Started,
        elapsed_seconds = report.Elapsed.TotalSeconds,
        stop_reason = report.StopReason,
        encoded = report.Encoded,
        saved_bytes = report.SavedBytes,
        files = report.Entries.Select(e => new
        {
            job = e.JobId, path = e.Path, decision = e.Decision, reason = e.Reason, output = e.OutputPath,
            source_bytes = e.SourceBytes, output_bytes = e.OutputBytes, saving = e.Saving, vmaf = e.Vmaf, crf = e.Crf, encoder = e.Encoder,
            encode_seconds = e.EncodeSeconds, verify_seconds = e.VerifySeconds, overhead_seconds = e.OverheadSeconds,
        }),
    };

    private static void PrintReport(AutoEncodeReport report, bool dryRun)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "decision", "source", "output", "saving", "VMAF", "CRF", "time", "why");
        foreach (ReportEntry e in report.Entries)
            table.AddRow(Markup.Escape(Path.GetFileName(e.Path)), Markup.Escape(e.Decision), Bytes(e.SourceBytes), e.OutputBytes is long o ? Bytes(o) : "",
                e.Saving is double s ? s.ToString("P0", CultureInfo.InvariantCulture) : "", e.Vmaf?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                e.Crf?.ToString(CultureInfo.InvariantCulture) ?? "", e.EncodeSeconds is double t ? $"{t:0.0} s" : "", Markup.Escape(e.Reason ?? ""));
        AnsiConsole.Write(table);
        Console.WriteLine(dryRun
            ? $"dry run: {report.Entries.Count} decisions, nothing written."
            : $"{report.Encoded} encoded, {report.Entries.Count(e => e.Decision == "skipped")} skipped, {report.Entries.Count(e => e.Decision is "failed" or "excluded")} failed; " +
              $"saved {Bytes(report.SavedBytes)} in {report.Elapsed.TotalMinutes:0.0} min ({report.StopReason}).");
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };

    /// <summary>Routes each event to the dashboard, the JSON stream and the log file.</summary>
    private sealed class EventSink(bool json, AutoEncodeDashboard? dashboard, RunLog log) : IProgress<AutoEncodeEvent>
    {
        private readonly Lock _gate = new();

        public void Report(AutoEncodeEvent e)
        {
            dashboard?.Apply(e);
            if (e.Kind != AutoEncodeEventKind.Progress) log.Write(Line(e));
            if (json)
            {
                string text = JsonSerializer.Serialize(new
                {
                    @event = e.Kind.ToString().ToLowerInvariant(), time = e.Time, job = e.JobId, worker = e.Worker, path = e.Path,
                    state = e.State?.ToString().ToLowerInvariant(), message = e.Message, fraction = e.Fraction, fps = e.FramesPerSecond,
                    file_eta_seconds = e.FileEta?.TotalSeconds,
                }, CliJson.Line);
                lock (_gate) Console.WriteLine(text);
            }
            else if (dashboard is null && e.Kind != AutoEncodeEventKind.Progress)
            {
                lock (_gate) Console.WriteLine(Line(e));
            }
        }

        private static string Line(AutoEncodeEvent e) =>
            $"{e.Time.ToLocalTime():HH:mm:ss} {e.Kind.ToString().ToLowerInvariant(),-9} {(e.Path is null ? "" : Path.GetFileName(e.Path) + ": ")}{(e.State is JobState s ? s.ToString().ToLowerInvariant() + " " : "")}{e.Message}";
    }

    /// <summary>The run's log file: one line per event, appended, flushed as it goes (it is what a user reads after a crash).</summary>
    private sealed class RunLog : IDisposable
    {
        private readonly StreamWriter? _writer;
        private readonly Lock _gate = new();

        internal RunLog(string? path)
        {
            if (path is null) return;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _writer = new StreamWriter(path, append: true) { AutoFlush = true };
        }

        internal void Write(string line)
        {
            if (_writer is null) return;
            lock (_gate) _writer.WriteLine($"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {line}");
        }

        public void Dispose() => _writer?.Dispose();
    }
}
