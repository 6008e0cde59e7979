using System.CommandLine;
using Ovni.Encoding.Library;

namespace Ovni.Cli.Commands;

/// <summary>
/// The flags of <c>ovni auto-encode</c> and how they override <c>ovni.json</c>: the file (--config, else ./ovni.json
/// when present) is read first, then every flag that was given replaces its key.
/// </summary>
internal sealed class AutoEncodeSettings
{
    internal readonly Argument<string[]> Roots = new("roots") { Description = "Library folders (override the config's roots).", Arity = ArgumentArity.ZeroOrMore };
    internal readonly Option<string?> Config = new("--config") { Description = "Configuration file (default: ./ovni.json when it exists)." };
    internal readonly Option<string?> Database = new("--db") { Description = "Queue database (default: ROOT/.ovni/queue.db)." };
    internal readonly Option<string?> Encoder = new("--encoder") { Description = "libx265 | libsvtav1 | libx264 | hevc_nvenc | av1_nvenc (or hevc, av1, h264)." };
    internal readonly Option<string?> Preset = new("--preset") { Description = "Encoder preset." };
    internal readonly Option<int?> Crf = new("--crf") { Description = "Fixed CRF." };
    internal readonly Option<double?> TargetVmaf = new("--target-vmaf") { Description = "Target VMAF (the output is verified against it)." };
    internal readonly Option<string?> VmafModel = new("--vmaf-model") { Description = "libvmaf JSON model (default $OVNI_VMAF_MODEL)." };
    internal readonly Option<bool?> VerifyVmaf = new("--verify-vmaf") { Description = "Measure the VMAF of every output before publishing it." };
    internal readonly Option<string?> MinSaving = new("--min-saving") { Description = "Minimum saving, e.g. 15%." };
    internal readonly Option<bool> Replace = new("--replace") { Description = "Rename each verified output over its source; originals wait in quarantine until `ovni queue purge`." };
    internal readonly Option<string?> Source = new("--source") { Description = "keep (default) | quarantine | delete | replace." };
    internal readonly Option<string?> Quarantine = new("--quarantine") { Description = "Quarantine folder (default ROOT/.ovni-quarantine)." };
    internal readonly Option<string?> Output = new("--output") { Description = "Output folder (mirrors the library's tree); default: beside each source." };
    internal readonly Option<string?> Container = new("--container") { Description = "mkv (default) | mp4 (when every stream fits)." };
    internal readonly Option<string?> BitDepth = new("--bit-depth") { Description = "source (default) | 8 | 10." };
    internal readonly Option<int?> Workers = new("--workers") { Description = "Concurrent CPU encodes." };
    internal readonly Option<int?> Threads = new("--threads") { Description = "Encoder threads per encode (0 = automatic)." };
    internal readonly Option<string?> Schedule = new("--schedule") { Description = "Start new files only in this daily window, e.g. 01:00-07:00." };
    internal readonly Option<bool> Watch = new("--watch") { Description = "Keep running: watch the folders and rescan periodically." };
    internal readonly Option<bool> DryRun = new("--dry-run") { Description = "Print every decision; write nothing." };
    internal readonly Option<bool> Json = new("--json") { Description = "One JSON event per line on stdout (no dashboard)." };
    internal readonly Option<string?> Report = new("--report") { Description = "Write the final report as JSON here (default: beside the database)." };
    internal readonly Option<string?> Log = new("--log") { Description = "Append the run's log here (default: beside the database)." };

    internal IEnumerable<Symbol> All => [Roots, Config, Database, Encoder, Preset, Crf, TargetVmaf, VmafModel, VerifyVmaf, MinSaving, Replace, Source,
        Quarantine, Output, Container, BitDepth, Workers, Threads, Schedule, Watch, DryRun, Json, Report, Log];

    /// <summary>The effective options: defaults ← config file ← flags.</summary>
    internal AutoEncodeOptions Resolve(ParseResult parse)
    {
        string? configPath = parse.GetValue(Config);
        if (configPath is null && File.Exists("ovni.json")) configPath = "ovni.json";
        AutoEncodeOptions o = configPath is null ? new AutoEncodeOptions() : AutoEncodeConfigFile.Load(configPath);
        string[] roots = parse.GetValue(Roots) ?? [];
        if (roots.Length > 0) o = o with { Roots = roots.Select(Path.GetFullPath).ToArray() };
        if (parse.GetValue(Database) is string db) o = o with { DatabasePath = Path.GetFullPath(db) };
        if (parse.GetValue(Encoder) is string encoder) o = o with { Encoder = VideoEncoderOptions.EncoderFor(encoder) };
        if (parse.GetValue(Preset) is string preset) o = o with { Preset = preset };
        if (parse.GetValue(Crf) is int crf) o = o with { Crf = crf };
        if (parse.GetValue(TargetVmaf) is double target) o = o with { TargetVmaf = target };
        if (parse.GetValue(VmafModel) is string model) o = o with { VmafModelPath = Path.GetFullPath(model) };
        if (parse.GetValue(VerifyVmaf) is bool verify) o = o with { VerifyVmaf = verify };
        if (parse.GetValue(MinSaving) is string saving) o = o with { MinSaving = AutoEncodeConfigFile.ParsePercent(saving, "--min-saving") };
        if (parse.GetValue(Source) is string source) o = o with { SourceAction = AutoEncodeConfigFile.ParseSourceAction(source, "--source") };
        if (parse.GetValue(Replace)) o = o with { SourceAction = SourceAction.Replace };
        if (parse.GetValue(Quarantine) is string q) o = o with { QuarantineFolder = Path.GetFullPath(q) };
        if (parse.GetValue(Output) is string output) o = o with { OutputFolder = Path.GetFullPath(output) };
        if (parse.GetValue(Container) is string container) o = o with { Container = container.ToLowerInvariant() };
        if (parse.GetValue(BitDepth) is string depth) o = o with { BitDepth = AutoEncodeConfigFile.ParseBitDepth(depth, "--bit-depth") };
        if (parse.GetValue(Workers) is int workers) o = o with { Workers = o.Workers with { Cpu = workers } };
        if (parse.GetValue(Threads) is int threads) o = o with { EncoderThreads = threads };
        if (parse.GetValue(Schedule) is string schedule) o = o with { Schedule = ScheduleWindow.Parse(schedule, "--schedule") };
        if (parse.GetValue(Watch)) o = o with { Watch = true };
        if (parse.GetValue(DryRun)) o = o with { DryRun = true };
        return o;
    }
}
