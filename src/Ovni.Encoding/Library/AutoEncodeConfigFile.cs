using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ovni.Encoding.Library;

/// <summary>
/// Reads <c>ovni.json</c> (comments and trailing commas allowed) into <see cref="AutoEncodeOptions"/>. An unknown key
/// or a value of the wrong type is an <see cref="AutoEncodeConfigException"/> that names the key and the line, never
/// a silently ignored setting. Relative paths are taken from the file's folder.
/// </summary>
public static partial class AutoEncodeConfigFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads <paramref name="path"/> on top of <paramref name="defaults"/> (or the built-in defaults).</summary>
    /// <exception cref="AutoEncodeConfigException">Unreadable file, unknown key, wrong type or impossible value.</exception>
    public static AutoEncodeOptions Load(string path, AutoEncodeOptions? defaults = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AutoEncodeConfigException(path, $"cannot read the configuration file: {e.Message}", e);
        }
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!, defaults, Path.GetFileName(path));
    }

    /// <summary>Parses configuration text; relative paths are resolved against <paramref name="baseFolder"/>.</summary>
    public static AutoEncodeOptions Parse(string json, string baseFolder, AutoEncodeOptions? defaults = null, string source = "ovni.json")
    {
        ConfigFileModel model;
        try
        {
            model = JsonSerializer.Deserialize<ConfigFileModel>(json, Json) ?? new ConfigFileModel();
        }
        catch (JsonException e)
        {
            throw Explain(e, source);
        }
        return Apply(model, defaults ?? new AutoEncodeOptions(), baseFolder);
    }

    private static AutoEncodeConfigException Explain(JsonException e, string source)
    {
        string where = e.LineNumber is long line ? $" ({source} line {line + 1})" : $" ({source})";
        string path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        Match unknown = UnknownMember().Match(e.Message);
        if (unknown.Success)
        {
            string member = unknown.Groups[1].Value;
            string key = path.Length == 0 ? member : path == member || path.EndsWith("." + member, StringComparison.Ordinal) ? path : $"{path}.{member}";
            return new AutoEncodeConfigException(key, $"unknown key{where}; see the commented example in the README for the keys there are.", e);
        }
        Match type = WrongType().Match(e.Message);
        if (type.Success && path.Length > 0)
            return new AutoEncodeConfigException(path, $"wrong type{where}: expected {Friendly(type.Groups[1].Value)}.", e);
        return new AutoEncodeConfigException(path.Length == 0 ? source : path, $"not valid JSON{where}: {e.Message}", e);
    }

    private static string Friendly(string clrType) => clrType switch
    {
        var t when t.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        var t when t.Contains("Double", StringComparison.Ordinal) => "a number",
        var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        var t when t.Contains("String[]", StringComparison.Ordinal) => "a list of strings",
        var t when t.Contains("String", StringComparison.Ordinal) => "a string",
        var t when t.Contains("Model", StringComparison.Ordinal) => "an object { … }",
        _ => clrType,
    };

    private static AutoEncodeOptions Apply(ConfigFileModel m, AutoEncodeOptions o, string baseFolder)
    {
        string Full(string p) => Path.GetFullPath(Path.Combine(baseFolder, p));
        o = o with
        {
            Roots = m.Roots?.Select(Full).ToArray() ?? o.Roots,
            Extensions = m.Extensions ?? o.Extensions,
            Include = m.Include ?? o.Include,
            Exclude = m.Exclude ?? o.Exclude,
            DatabasePath = m.Database is null ? o.DatabasePath : Full(m.Database),
            OutputFolder = m.OutputFolder is null ? o.OutputFolder : Full(m.OutputFolder),
            OutputSuffix = m.OutputSuffix ?? o.OutputSuffix,
            SkipSuffix = m.SkipSuffix ?? o.SkipSuffix,
            Container = m.Container ?? o.Container,
            SourceAction = m.Source is null ? o.SourceAction : ParseSourceAction(m.Source),
            QuarantineFolder = m.QuarantineFolder is null ? o.QuarantineFolder : Full(m.QuarantineFolder),
            Encoder = m.Encoder is null ? o.Encoder : VideoEncoderOptions.EncoderFor(m.Encoder),
            Preset = m.Preset ?? o.Preset,
            Crf = m.Crf ?? o.Crf,
            TargetVmaf = m.TargetVmaf ?? o.TargetVmaf,
            VmafTolerance = m.VmafTolerance ?? o.VmafTolerance,
            VerifyVmaf = m.VerifyVmaf ?? o.VerifyVmaf,
            VmafModelPath = m.VmafModel is null ? o.VmafModelPath : Full(m.VmafModel),
            BitDepth = m.BitDepth is JsonElement depth ? ParseBitDepth(depth.ToString(), "bit_depth") : o.BitDepth,
            MinSaving = m.MinSaving is JsonElement saving ? ParsePercent(saving.ToString(), "min_saving") : o.MinSaving,
            RetryHigherCrf = m.RetryHigherCrf ?? o.RetryHigherCrf,
            RetryCrfStep = m.RetryCrfStep ?? o.RetryCrfStep,
            EncoderThreads = m.EncoderThreads ?? o.EncoderThreads,
            Schedule = m.Schedule is null ? o.Schedule : ScheduleWindow.Parse(m.Schedule),
            MaxAttempts = m.MaxAttempts ?? o.MaxAttempts,
            RetryBackoff = m.RetryBackoffSeconds is double b ? TimeSpan.FromSeconds(b) : o.RetryBackoff,
            Watch = m.Watch ?? o.Watch,
            RescanInterval = m.RescanIntervalSeconds is double r ? TimeSpan.FromSeconds(r) : o.RescanInterval,
            StableFor = m.StableForSeconds is double s ? TimeSpan.FromSeconds(s) : o.StableFor,
            KeepAwake = m.KeepAwake ?? o.KeepAwake,
        };
        if (m.Filters is { } f)
        {
            var rates = new Dictionary<ResolutionClass, long>(o.Filters.MinBitRate);
            if (f.MinBitRate is { } br)
            {
                if (br.Sd is double sd) rates[ResolutionClass.Sd] = (long)(sd * 1000);
                if (br.Hd720 is double hd) rates[ResolutionClass.Hd720] = (long)(hd * 1000);
                if (br.Hd1080 is double fhd) rates[ResolutionClass.Hd1080] = (long)(fhd * 1000);
                if (br.Uhd4K is double uhd) rates[ResolutionClass.Uhd4K] = (long)(uhd * 1000);
            }
            o = o with
            {
                Filters = o.Filters with
                {
                    MinDuration = f.MinDurationSeconds is double d ? TimeSpan.FromSeconds(d) : o.Filters.MinDuration,
                    MinSizeBytes = f.MinSizeMegabytes is double mb ? (long)(mb * 1_000_000) : o.Filters.MinSizeBytes,
                    MinBitRate = rates,
                    SkipCodecs = f.SkipCodecs ?? o.Filters.SkipCodecs,
                    MaxResolution = f.MaxResolution ?? o.Filters.MaxResolution,
                },
            };
        }
        if (m.Workers is { } w)
            o = o with { Workers = new WorkerSlots { Cpu = w.Cpu ?? o.Workers.Cpu, Gpu = w.Gpu ?? o.Workers.Gpu, Vmaf = w.Vmaf ?? o.Workers.Vmaf } };
        if (m.Guards is { } g)
            o = o with
            {
                Guards = new ResourceGuards
                {
                    MinAvailableMemoryBytes = g.MinFreeMemoryMegabytes is double mem ? (long)(mem * (1 << 20)) : o.Guards.MinAvailableMemoryBytes,
                    DiskHeadroom = g.DiskHeadroom ?? o.Guards.DiskHeadroom,
                    MinFreeVramBytes = g.MinFreeVramMegabytes is double vram ? (long)(vram * (1 << 20)) : o.Guards.MinFreeVramBytes,
                    MaxLoadPerCore = g.MaxLoadPerCore ?? o.Guards.MaxLoadPerCore,
                },
            };
        return o;
    }

    /// <summary>"keep", "quarantine", "delete" or "replace".</summary>
    public static SourceAction ParseSourceAction(string text, string key = "source") => text.ToLowerInvariant() switch
    {
        "keep" => SourceAction.Keep,
        "quarantine" => SourceAction.Quarantine,
        "delete" => SourceAction.Delete,
        "replace" => SourceAction.Replace,
        _ => throw new AutoEncodeConfigException(key, $"'{text}' is not one of keep, quarantine, delete, replace."),
    };

    /// <summary>"source", "8" or "10".</summary>
    public static OutputBitDepth ParseBitDepth(string text, string key = "bit_depth") => text.ToLowerInvariant() switch
    {
        "source" => OutputBitDepth.Source,
        "8" => OutputBitDepth.Eight,
        "10" => OutputBitDepth.Ten,
        _ => throw new AutoEncodeConfigException(key, $"'{text}' is not one of source, 8, 10."),
    };

    /// <summary>"15%" or "15" → 0.15.</summary>
    public static double ParsePercent(string text, string key = "min_saving")
    {
        string t = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || value >= 100)
            throw new AutoEncodeConfigException(key, $"'{text}' is not a percentage from 0 to 99 (e.g. \"15%\").");
        return value / 100;
    }

    /// <summary>The effective configuration in the file's own vocabulary (printed at the start of every run).</summary>
    public static string ToJson(AutoEncodeOptions o)
    {
        var root = new JsonObject
        {
            ["roots"] = new JsonArray(o.Roots.Select(r => (JsonNode)r).ToArray()),
            ["database"] = o.Roots.Count > 0 ? o.ResolvedDatabasePath : o.DatabasePath,
            ["extensions"] = new JsonArray(o.Extensions.Select(r => (JsonNode)r).ToArray()),
            ["include"] = new JsonArray(o.Include.Select(r => (JsonNode)r).ToArray()),
            ["exclude"] = new JsonArray(o.Exclude.Select(r => (JsonNode)r).ToArray()),
            ["output_folder"] = o.OutputFolder,
            ["output_suffix"] = o.OutputSuffix,
            ["skip_suffix"] = o.SkipSuffix,
            ["container"] = o.Container,
            ["source"] = o.SourceAction.ToString().ToLowerInvariant(),
            ["quarantine_folder"] = o.QuarantineFolder,
            ["encoder"] = o.Encoder,
            ["preset"] = o.Preset,
            ["crf"] = o.Crf,
            ["target_vmaf"] = o.TargetVmaf,
            ["vmaf_tolerance"] = o.VmafTolerance,
            ["verify_vmaf"] = o.VerifyVmaf,
            ["vmaf_model"] = o.VmafModelPath,
            ["bit_depth"] = o.BitDepth switch { OutputBitDepth.Eight => "8", OutputBitDepth.Ten => "10", _ => "source" },
            ["min_saving"] = (o.MinSaving * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
            ["retry_higher_crf"] = o.RetryHigherCrf,
            ["retry_crf_step"] = o.RetryCrfStep,
            ["encoder_threads"] = o.EncoderThreads,
            ["filters"] = new JsonObject
            {
                ["min_duration_s"] = o.Filters.MinDuration.TotalSeconds,
                ["min_size_mb"] = o.Filters.MinSizeBytes / 1e6,
                ["min_bitrate_kbps"] = new JsonObject(o.Filters.MinBitRate.OrderBy(kv => kv.Key)
                    .Select(kv => KeyValuePair.Create(Resolution.Name(kv.Key), (JsonNode?)(kv.Value / 1000.0)))),
                ["skip_codecs"] = new JsonArray(o.Filters.SkipCodecs.Select(r => (JsonNode)r).ToArray()),
                ["max_resolution"] = o.Filters.MaxResolution,
            },
            ["workers"] = new JsonObject { ["cpu"] = o.Workers.Cpu, ["gpu"] = o.Workers.Gpu, ["vmaf"] = o.Workers.Vmaf },
            ["guards"] = new JsonObject
            {
                ["min_free_memory_mb"] = o.Guards.MinAvailableMemoryBytes / (double)(1 << 20),
                ["disk_headroom"] = o.Guards.DiskHeadroom,
                ["min_free_vram_mb"] = o.Guards.MinFreeVramBytes / (double)(1 << 20),
                ["max_load_per_core"] = o.Guards.MaxLoadPerCore,
            },
            ["schedule"] = o.Schedule?.ToString(),
            ["max_attempts"] = o.MaxAttempts,
            ["retry_backoff_s"] = o.RetryBackoff.TotalSeconds,
            ["watch"] = o.Watch,
            ["rescan_interval_s"] = o.RescanInterval.TotalSeconds,
            ["stable_for_s"] = o.StableFor.TotalSeconds,
            ["keep_awake"] = o.KeepAwake,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"could not be converted to (.+?)\. Path")]
    private static partial Regex WrongType();
}
