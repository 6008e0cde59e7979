using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ovni.Encoding.Library;
using Spectre.Console;

namespace Ovni.Cli.Commands;

/// <summary><c>ovni queue list|show|pause|resume|retry|remove|stats|purge|rollback</c>: the queue of <c>ovni auto-encode</c>.</summary>
internal static class QueueCommand
{
    internal static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "Queue database (default: from --config / ./ovni.json, else ./.ovni/queue.db).", Recursive = true };
        var config = new Option<string?>("--config") { Description = "Configuration file that names the database.", Recursive = true };
        var json = new Option<bool>("--json") { Description = "JSON output.", Recursive = true };
        var command = new Command("queue", "Inspect and steer the auto-encode queue (safe while a run is going).") { db, config, json };

        var state = new Option<string?>("--state") { Description = "Only files in this state (pending, done, skipped, failed, excluded, …)." };
        var list = new Command("list", "List the files of the queue.") { state };
        list.SetAction(parse => Run(parse, db, config, queue =>
        {
            JobState? filter = parse.GetValue(state) is string s ? Enum.Parse<JobState>(s, ignoreCase: true) : null;
            IReadOnlyList<QueueEntry> entries = queue.List(filter);
            if (parse.GetValue(json)) { Console.WriteLine(JsonSerializer.Serialize(entries, CliJson.Options)); return 0; }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "state", "file", "size", "output", "reason");
            foreach (QueueEntry e in entries)
                table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), e.State.ToString().ToLowerInvariant(), Markup.Escape(e.Path), AutoEncodeCommand.Bytes(e.Size),
                    e.OutputSize is long o ? AutoEncodeCommand.Bytes(o) : "", Markup.Escape(e.Reason ?? ""));
            AnsiConsole.Write(table);
            return 0;
        }));

        var target = new Argument<string>("file") { Description = "Queue id or path (source, output or quarantined original)." };
        var show = new Command("show", "Everything the queue knows about one file.") { target };
        show.SetAction(parse => Run(parse, db, config, queue =>
        {
            QueueEntry e = Find(queue, parse.GetValue(target)!);
            if (parse.GetValue(json)) { Console.WriteLine(JsonSerializer.Serialize(e, CliJson.Options)); return 0; }
            var grid = new Table().Border(TableBorder.Rounded).AddColumns("field", "value");
            foreach (var p in typeof(QueueEntry).GetProperties())
                grid.AddRow(p.Name, Markup.Escape(Convert.ToString(p.GetValue(e), CultureInfo.InvariantCulture) ?? ""));
            AnsiConsole.Write(grid);
            return 0;
        }));

        var now = new Option<bool>("--now") { Description = "Stop running encodes at once (they restart from the beginning later)." };
        var pause = new Command("pause", "Pause: running files finish (or stop at once with --now); nothing new starts.") { now };
        pause.SetAction(parse => Run(parse, db, config, queue =>
        {
            queue.Pause(parse.GetValue(now));
            Console.WriteLine(parse.GetValue(now) ? "paused now: running encodes stop and go back to the queue." : "paused: running files finish, nothing new starts.");
            return 0;
        }));
        var resume = new Command("resume", "Let work start again.");
        resume.SetAction(parse => Run(parse, db, config, queue => { queue.Resume(); Console.WriteLine("resumed."); return 0; }));

        var retryAll = new Option<bool>("--all-failed") { Description = "Retry every failed and excluded file." };
        var retryTarget = new Argument<string?>("file") { Description = "Queue id or path.", Arity = ArgumentArity.ZeroOrOne };
        var retry = new Command("retry", "Put a failed, skipped or excluded file back into the queue.") { retryTarget, retryAll };
        retry.SetAction(parse => Run(parse, db, config, queue =>
        {
            if (parse.GetValue(retryAll))
            {
                int n = queue.List(JobState.Failed).Concat(queue.List(JobState.Excluded)).Count(e => queue.Retry(e.Id));
                Console.WriteLine($"{n} file(s) back in the queue.");
                return 0;
            }
            string which = parse.GetValue(retryTarget) ?? throw new OvniException("Name a file (id or path), or use --all-failed.");
            QueueEntry e = Find(queue, which);
            if (!queue.Retry(e.Id)) throw new OvniException($"'{e.Path}' is {e.State.ToString().ToLowerInvariant()}; only failed, skipped and excluded files can be retried.");
            Console.WriteLine($"'{e.Path}' is back in the queue.");
            return 0;
        }));

        var removeTarget = new Argument<string>("file") { Description = "Queue id or path." };
        var remove = new Command("remove", "Exclude a file from the queue (rescans will not add it again).") { removeTarget };
        remove.SetAction(parse => Run(parse, db, config, queue =>
        {
            QueueEntry e = Find(queue, parse.GetValue(removeTarget)!);
            if (!queue.Remove(e.Id)) throw new OvniException($"'{e.Path}' is {e.State.ToString().ToLowerInvariant()}; running and finished files cannot be removed.");
            Console.WriteLine($"'{e.Path}' excluded.");
            return 0;
        }));

        var stats = new Command("stats", "Counts, space saved, learned speeds and the ETA of what is pending.");
        stats.SetAction(parse => Run(parse, db, config, queue =>
        {
            QueueStats s = queue.Stats();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    counts = s.Counts.ToDictionary(kv => kv.Key.ToString().ToLowerInvariant(), kv => kv.Value),
                    saved_bytes = s.SavedBytes, done_source_bytes = s.DoneSourceBytes, done_output_bytes = s.DoneOutputBytes, pending_bytes = s.PendingBytes,
                    pending_eta_seconds = s.PendingEta.TotalSeconds, eta_guesses = s.EtaGuesses, pause = s.Pause,
                    quarantined_files = s.Quarantined.Files, quarantined_bytes = s.Quarantined.Bytes,
                    speeds = s.Speeds.ToDictionary(kv => kv.Key, kv => new { seconds_per_frame = kv.Value.SecondsPerFrame, samples = kv.Value.Samples }),
                }, CliJson.Options));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("", "");
            foreach (var (k, v) in s.Counts.Where(kv => kv.Value > 0)) table.AddRow(k.ToString().ToLowerInvariant(), v.ToString(CultureInfo.InvariantCulture));
            table.AddRow("saved", $"{AutoEncodeCommand.Bytes(s.SavedBytes)} ({AutoEncodeCommand.Bytes(s.DoneSourceBytes)} → {AutoEncodeCommand.Bytes(s.DoneOutputBytes)})");
            table.AddRow("pending", $"{AutoEncodeCommand.Bytes(s.PendingBytes)}, ETA {s.PendingEta.TotalHours:0.0} h on one slot{(s.EtaGuesses > 0 ? $" ({s.EtaGuesses} estimated without history)" : "")}");
            table.AddRow("quarantine", $"{s.Quarantined.Files} original(s), {AutoEncodeCommand.Bytes(s.Quarantined.Bytes)} (`ovni queue purge` deletes them)");
            table.AddRow("paused", s.Pause ?? "no");
            foreach (var (key, (spf, n)) in s.Speeds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(key), $"{1 / spf:0.0} fps learned from {n} file(s)");
            AnsiConsole.Write(table);
            return 0;
        }));

        var purge = new Command("purge", "Delete the originals kept in quarantine for finished files.");
        purge.SetAction(parse => Run(parse, db, config, queue =>
        {
            var (files, bytes) = queue.Purge();
            Console.WriteLine($"purged {files} original(s), {AutoEncodeCommand.Bytes(bytes)} freed.");
            return 0;
        }));

        var rollbackTarget = new Argument<string>("file") { Description = "The source path (or id, or output path) of a finished file." };
        var rollback = new Command("rollback", "Put a quarantined original back and remove its output.") { rollbackTarget };
        rollback.SetAction(parse => Run(parse, db, config, queue =>
        {
            QueueEntry e = queue.Rollback(parse.GetValue(rollbackTarget)!);
            Console.WriteLine($"'{e.Path}' restored from quarantine; the file is excluded from the queue.");
            return 0;
        }));

        foreach (Command sub in new[] { list, show, pause, resume, retry, remove, stats, purge, rollback }) command.Subcommands.Add(sub);
        return command;
    }

    private static QueueEntry Find(EncodeQueue queue, string which) =>
        queue.Find(which) ?? throw new OvniException($"'{which}' is not in the queue at '{queue.DatabasePath}'.") { FilePath = which };

    private static int Run(ParseResult parse, Option<string?> db, Option<string?> config, Func<EncodeQueue, int> action) => CliErrors.Run(() =>
    {
        string path = parse.GetValue(db) ?? DatabaseFromConfig(parse.GetValue(config));
        using EncodeQueue queue = EncodeQueue.Open(path);
        return action(queue);
    });

    private static string DatabaseFromConfig(string? config)
    {
        config ??= File.Exists("ovni.json") ? "ovni.json" : null;
        if (config is null) return Path.GetFullPath(Path.Combine(".ovni", "queue.db"));
        AutoEncodeOptions options = AutoEncodeConfigFile.Load(config);
        if (options.DatabasePath is null && options.Roots.Count == 0)
            throw new OvniException($"'{config}' names neither a database nor a root; give --db.");
        return options.ResolvedDatabasePath;
    }
}
