// Why its own collection: the check is "no ovni-tq.* folder is left in the temporary folder", and other test processes
// (ovni encode through the CLI) make such folders in /tmp at the same moment. This test gives the search a temporary
// folder of its own (TMPDIR, which Path.GetTempPath reads on each call) and runs alone, so nothing else in this process
// sees the changed variable.
namespace Ovni.Encoding.Tests;

[CollectionDefinition(nameof(SearchCancellationTests), DisableParallelization = true)]
public sealed class SearchCancellationCollection;

[Collection(nameof(SearchCancellationTests))]
public sealed class SearchCancellationTests
{
    [Fact]
    public async Task Cancellation_mid_search_leaves_no_temporary_files()
    {
        string clip = TestMedia.Require("internal_emulator_transformer_output.mp4");
        using var temp = new TempDirectory();
        string? previous = Environment.GetEnvironmentVariable("TMPDIR");
        Environment.SetEnvironmentVariable("TMPDIR", temp.Path);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bool probed = false;
            var progress = new SynchronousProgress<TargetQualityProgress>(p =>
            {
                if (p.Phase != "probe") return;
                probed = probed || Directory.GetDirectories(temp.Path, "ovni-tq.*").Length > 0; // the samples exist now
                cts.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TargetQualitySearch(TargetQualitySearchTests.BaseOptions()).SearchAsync(clip, progress, cts.Token));
            Assert.True(probed, "the search's sample folder was not in the test's temporary folder");
            Assert.Empty(Directory.GetDirectories(temp.Path, "ovni-tq.*"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previous);
        }
    }
}
