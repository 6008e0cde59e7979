using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ovni.Encoding.Library;

/// <summary>The shape of <c>ovni.json</c>, snake_case as in the README's example. Every member is optional.</summary>
internal sealed class ConfigFileModel
{
    [JsonPropertyName("roots")] public string[]? Roots { get; set; }
    [JsonPropertyName("extensions")] public string[]? Extensions { get; set; }
    [JsonPropertyName("include")] public string[]? Include { get; set; }
    [JsonPropertyName("exclude")] public string[]? Exclude { get; set; }
    [JsonPropertyName("database")] public string? Database { get; set; }
    [JsonPropertyName("output_folder")] public string? OutputFolder { get; set; }
    [JsonPropertyName("output_suffix")] public string? OutputSuffix { get; set; }
    [JsonPropertyName("skip_suffix")] public string? SkipSuffix { get; set; }
    [JsonPropertyName("container")] public string? Container { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("quarantine_folder")] public string? QuarantineFolder { get; set; }
    [JsonPropertyName("encoder")] public string? Encoder { get; set; }
    [JsonPropertyName("preset")] public string? Preset { get; set; }
    [JsonPropertyName("crf")] public int? Crf { get; set; }
    [JsonPropertyName("target_vmaf")] public double? TargetVmaf { get; set; }
    [JsonPropertyName("vmaf_tolerance")] public double? VmafTolerance { get; set; }
    [JsonPropertyName("verify_vmaf")] public bool? VerifyVmaf { get; set; }
    [JsonPropertyName("vmaf_model")] public string? VmafModel { get; set; }
    [JsonPropertyName("bit_depth")] public JsonElement? BitDepth { get; set; }
    [JsonPropertyName("min_saving")] public JsonElement? MinSaving { get; set; }
    [JsonPropertyName("retry_higher_crf")] public bool? RetryHigherCrf { get; set; }
    [JsonPropertyName("retry_crf_step")] public int? RetryCrfStep { get; set; }
    [JsonPropertyName("encoder_threads")] public int? EncoderThreads { get; set; }
    [JsonPropertyName("filters")] public FiltersModel? Filters { get; set; }
    [JsonPropertyName("workers")] public WorkersModel? Workers { get; set; }
    [JsonPropertyName("guards")] public GuardsModel? Guards { get; set; }
    [JsonPropertyName("schedule")] public string? Schedule { get; set; }
    [JsonPropertyName("max_attempts")] public int? MaxAttempts { get; set; }
    [JsonPropertyName("retry_backoff_s")] public double? RetryBackoffSeconds { get; set; }
    [JsonPropertyName("watch")] public bool? Watch { get; set; }
    [JsonPropertyName("rescan_interval_s")] public double? RescanIntervalSeconds { get; set; }
    [JsonPropertyName("stable_for_s")] public double? StableForSeconds { get; set; }
    [JsonPropertyName("keep_awake")] public bool? KeepAwake { get; set; }

    internal sealed class FiltersModel
    {
        [JsonPropertyName("min_duration_s")] public double? MinDurationSeconds { get; set; }
        [JsonPropertyName("min_size_mb")] public double? MinSizeMegabytes { get; set; }
        [JsonPropertyName("min_bitrate_kbps")] public BitRatesModel? MinBitRate { get; set; }
        [JsonPropertyName("skip_codecs")] public string[]? SkipCodecs { get; set; }
        [JsonPropertyName("max_resolution")] public int? MaxResolution { get; set; }
    }

    internal sealed class BitRatesModel
    {
        [JsonPropertyName("sd")] public double? Sd { get; set; }
        [JsonPropertyName("720p")] public double? Hd720 { get; set; }
        [JsonPropertyName("1080p")] public double? Hd1080 { get; set; }
        [JsonPropertyName("4k")] public double? Uhd4K { get; set; }
    }

    internal sealed class WorkersModel
    {
        [JsonPropertyName("cpu")] public int? Cpu { get; set; }
        [JsonPropertyName("gpu")] public int? Gpu { get; set; }
        [JsonPropertyName("vmaf")] public int? Vmaf { get; set; }
    }

    internal sealed class GuardsModel
    {
        [JsonPropertyName("min_free_memory_mb")] public double? MinFreeMemoryMegabytes { get; set; }
        [JsonPropertyName("disk_headroom")] public double? DiskHeadroom { get; set; }
        [JsonPropertyName("min_free_vram_mb")] public double? MinFreeVramMegabytes { get; set; }
        [JsonPropertyName("max_load_per_core")] public double? MaxLoadPerCore { get; set; }
    }
}
