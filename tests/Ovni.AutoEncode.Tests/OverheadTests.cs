using Ovni.Encoding.Library;

namespace Ovni.AutoEncode.Tests;

/// <summary>
/// The queue's own cost per file. Run alone (not beside other tests' encodes and database syncs), so that what is
/// measured is the queue's work and not the neighbours' disk traffic.
/// </summary>
[Collection(nameof(OverheadTests))]
[CollectionDefinition(nameof(OverheadTests), DisableParallelization = true)]
[Trait("Category", "Timing")] // scripts/test.sh runs this category after the other suites
public class OverheadTests
{
    [Fact]
    public async Task Queue_overhead_per_file_is_under_1_percent_of_its_encode_time()
    {
        using var temp = new TempDirectory();
        string root = TestLibrary.CreateIn(temp.Path, ["Movies/Animation/bunny.mp4", "Shows/S01/subs-two-audio.mkv", "Shows/S01/hdr10bit.mkv"]);
        // x265's default preset on real clips: the work a library run spends its time on. The queue's share is its
        // database work (claim, probe record, phase changes, two synced publish commits) and scheduling.
        AutoEncodeOptions options = TestLibrary.Options(root, temp.File("queue.db")) with { Preset = "medium" };
        await using var run = new AutoEncoder(options);
        AutoEncodeReport report = await run.RunAsync(TestContext.Current.CancellationToken);
        ReportEntry[] encoded = report.Entries.Where(e => e.Decision == "encoded").ToArray();
        Assert.Equal(3, encoded.Length);
        // The first file of a process also pays the one-time JIT of the queue's code paths (tens of ms, once per run):
        // reported, not counted as per-file overhead.
        for (int i = 0; i < encoded.Length; i++)
        {
            ReportEntry e = encoded[i];
            double share = e.OverheadSeconds!.Value / e.EncodeSeconds!.Value;
            TestContext.Current.SendDiagnosticMessage($"{Path.GetFileName(e.Path)}{(i == 0 ? " (first of the run: JIT included)" : "")}: queue {e.OverheadSeconds * 1000:0.0} ms, encode {e.EncodeSeconds:0.00} s = {share:P2}");
            if (i > 0) Assert.True(share < 0.01, $"{Path.GetFileName(e.Path)}: queue {e.OverheadSeconds * 1000:0.0} ms is {share:P2} of its {e.EncodeSeconds:0.00} s encode");
        }
    }
}
