using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>A VMAF target: the output's measured VMAF is checked before publishing; a miss is corrected once, then fails.</summary>
public class QualityTargetTests
{
    [Fact]
    public async Task The_measured_vmaf_is_recorded_and_a_missed_target_is_never_published()
    {
        string model = TestMedia.RequireShared("vmaf/models/vmaf_v0.6.1.json");
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Live/people.mkv"]);
        AutoEncodeOptions reachable = TestLibrary.Options(root, temp.File("a.db")) with { TargetVmaf = 60, VmafModelPath = model };
        await using (var run = new AutoEncoder(reachable))
        {
            AutoEncodeReport report = await run.RunAsync(TestContext.Current.CancellationToken);
            ReportEntry done = Assert.Single(report.Entries);
            Assert.Equal("encoded", done.Decision);
            Assert.InRange(done.Vmaf!.Value, 59.5, 100);
        }

        string second = TestLibrary.CreateIn(temp.File("b"), ["Movies/Live/people.mkv"]);
        var events = new List<string>();
        AutoEncodeOptions unreachable = TestLibrary.Options(second, temp.File("b.db")) with { TargetVmaf = 99.9, VmafTolerance = 0, VmafModelPath = model };
        await using (var run = new AutoEncoder(unreachable) { Events = new SynchronousProgress<AutoEncodeEvent>(e => { if (e.Kind == AutoEncodeEventKind.Log) events.Add(e.Message!); }) })
        {
            AutoEncodeReport report = await run.RunAsync(TestContext.Current.CancellationToken);
            ReportEntry failed = Assert.Single(report.Entries);
            Assert.Equal("failed", failed.Decision);
            Assert.Matches(@"^VMAF \d+\.\d\d of the output is below the target 99\.9 − 0$", failed.Reason!);
        }
        Assert.Contains(events, m => m.Contains("encoding again at CRF", StringComparison.Ordinal)); // one correction before giving up
        Assert.False(File.Exists(Path.Combine(second, "Movies/Live/people.ovni.mkv")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(second, ".ovni-tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Measuring_vmaf_without_a_model_is_a_configuration_error_naming_the_key()
    {
        using var temp = new TempDirectory();
        string? saved = Environment.GetEnvironmentVariable("OVNI_VMAF_MODEL");
        if (saved is not null) Assert.Skip("OVNI_VMAF_MODEL is set in this environment");
        var options = new AutoEncodeOptions { Roots = [temp.Path], DatabasePath = temp.File("q.db"), VerifyVmaf = true };
        await using var run = new AutoEncoder(options);
        var e = await Assert.ThrowsAsync<AutoEncodeConfigException>(() => run.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal("vmaf_model", e.Key);
    }
}
