using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>ovni.json and flags: every mistake names its key; impossible schedules are errors, not silent no-ops.</summary>
public class ConfigurationTests
{
    [Fact]
    public void A_commented_file_with_every_section_loads()
    {
        AutoEncodeOptions o = AutoEncodeConfigFile.Parse("""
            {
              // the README's example, abridged
              "roots": ["movies", "/srv/shows"],
              "encoder": "libsvtav1", "preset": "8", "crf": 30,
              "source": "replace", "min_saving": "20%", "bit_depth": "10", "container": "mp4",
              "filters": { "min_duration_s": 60, "min_size_mb": 100, "min_bitrate_kbps": { "1080p": 5000 }, "skip_codecs": ["av1"], "max_resolution": 3840 },
              "workers": { "cpu": 2, "vmaf": 1 },
              "guards": { "disk_headroom": 1.5, "max_load_per_core": 0.9 },
              "schedule": "22:30-06:00",
              "retry_backoff_s": 60,
            }
            """, "/home/me");
        Assert.Equal(["/home/me/movies", "/srv/shows"], o.Roots);
        Assert.Equal("libsvtav1", o.Encoder);
        Assert.Equal(SourceAction.Replace, o.SourceAction);
        Assert.Equal(0.20, o.MinSaving, 6);
        Assert.Equal(OutputBitDepth.Ten, o.BitDepth);
        Assert.Equal(5_000_000, o.Filters.MinBitRate[ResolutionClass.Hd1080]);
        Assert.Equal(1_000_000, o.Filters.MinBitRate[ResolutionClass.Sd]); // untouched keys keep their defaults
        Assert.Equal(2, o.Workers.Cpu);
        Assert.Equal(1.5, o.Guards.DiskHeadroom);
        Assert.Equal(new ScheduleWindow(new TimeOnly(22, 30), new TimeOnly(6, 0)), o.Schedule);
        Assert.Equal(TimeSpan.FromSeconds(60), o.RetryBackoff);
        // The effective configuration round-trips through the same vocabulary.
        AutoEncodeOptions again = AutoEncodeConfigFile.Parse(AutoEncodeConfigFile.ToJson(o), "/");
        Assert.Equal(o.Roots, again.Roots);
        Assert.Equal(o.Schedule, again.Schedule);
        Assert.Equal(o.MinSaving, again.MinSaving, 6);
        Assert.Equal(o.Filters.MinBitRate, again.Filters.MinBitRate);
    }

    [Theory]
    [InlineData("{ \"crf\": 24, \"encodr\": \"libx265\" }", "encodr", "unknown key", "line 1")]
    [InlineData("{\n \"filters\": {\n  \"min_size\": 5 } }", "filters.min_size", "unknown key", "line 3")]
    [InlineData("{ \"workers\": { \"cpu\": \"two\" } }", "workers.cpu", "expected a whole number", "line 1")]
    [InlineData("{ \"watch\": \"yes\" }", "watch", "expected true or false", "line 1")]
    [InlineData("{ \"roots\": \"/media\" }", "roots", "expected a list of strings", "line 1")]
    [InlineData("{ \"filters\": 5 }", "filters", "expected an object", "line 1")]
    [InlineData("{ \"schedule\": \"07:00-07:00\" }", "schedule", "empty window", "")]
    [InlineData("{ \"schedule\": \"25:00-07:00\" }", "schedule", "not a time of day", "")]
    [InlineData("{ \"schedule\": \"night\" }", "schedule", "not a time window", "")]
    [InlineData("{ \"min_saving\": \"150%\" }", "min_saving", "not a percentage", "")]
    [InlineData("{ \"source\": \"move\" }", "source", "not one of keep, quarantine, delete, replace", "")]
    public void A_bad_key_or_value_is_an_error_that_names_it(string json, string key, string problem, string where)
    {
        var e = Assert.Throws<AutoEncodeConfigException>(() => AutoEncodeConfigFile.Parse(json, "/tmp", source: "ovni.json"));
        Assert.Equal(key, e.Key);
        Assert.StartsWith($"configuration '{key}':", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_that_contradict_each_other_are_refused_before_anything_runs()
    {
        using var temp = new TempDirectory();
        var ok = new AutoEncodeOptions { Roots = [temp.Path] };
        ok.Validate();
        Assert.Equal("roots", Assert.Throws<AutoEncodeConfigException>(() => (ok with { Roots = ["/nonexistent/ovni"] }).Validate()).Key);
        Assert.Equal("output_folder", Assert.Throws<AutoEncodeConfigException>(() => (ok with { SourceAction = SourceAction.Replace, OutputFolder = "/x" }).Validate()).Key);
        Assert.Equal("container", Assert.Throws<AutoEncodeConfigException>(() => (ok with { Container = "avi" }).Validate()).Key);
        Assert.Equal("workers", Assert.Throws<AutoEncodeConfigException>(() => (ok with { Workers = new WorkerSlots { Cpu = 0, Gpu = 0 } }).Validate()).Key);
        Assert.Equal("target_vmaf", Assert.Throws<AutoEncodeConfigException>(() => (ok with { TargetVmaf = 120 }).Validate()).Key);
    }

    [Fact]
    public void Schedule_windows_may_wrap_past_midnight()
    {
        var night = ScheduleWindow.Parse("22:00-06:00");
        Assert.True(night.Contains(new TimeOnly(23, 0)));
        Assert.True(night.Contains(new TimeOnly(5, 59)));
        Assert.False(night.Contains(new TimeOnly(6, 0)));
        Assert.False(night.Contains(new TimeOnly(12, 0)));
        Assert.Equal(TimeSpan.FromHours(10), night.UntilOpen(new DateTime(2026, 1, 1, 12, 0, 0)));
        var morning = ScheduleWindow.Parse("01:00–07:00");
        Assert.Equal(TimeSpan.Zero, morning.UntilOpen(new DateTime(2026, 1, 1, 3, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(17), morning.UntilOpen(new DateTime(2026, 1, 1, 8, 0, 0)));
    }

    [Fact]
    public void The_tool_prints_the_key_and_exits_1_for_a_bad_config_file()
    {
        using var temp = new TempDirectory();
        string config = temp.File("ovni.json");
        File.WriteAllText(config, $"{{ \"roots\": [\"{temp.Path}\"],\n  \"guards\": {{ \"min_free_ram\": 1 }} }}");
        var (code, stdout, stderr) = CliRunner.Run("auto-encode", "--config", config);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("ovni: error: configuration 'guards.min_free_ram': unknown key (ovni.json line 2)", stderr, StringComparison.Ordinal);
        (code, _, stderr) = CliRunner.Run("auto-encode", temp.Path, "--schedule", "03:00-03:00");
        Assert.Equal(1, code);
        Assert.StartsWith("ovni: error: configuration '--schedule': '03:00-03:00' is an empty window", stderr, StringComparison.Ordinal);
    }
}
