using System.Text.RegularExpressions;

namespace Ovni.Distributed.Tests;

/// <summary>The dashboard in a real headless browser: the job and its chunks are listed; remote requests need the token.</summary>
[Collection("cluster")]
public class DashboardTests(PostgresServer postgres)
{
    private static OvniRun StartDashboard(string cs, params string[] extra)
    {
        OvniRun dashboard = OvniRun.Start(["dashboard", "--cluster", cs, "--listen", "http://127.0.0.1:0", .. extra]);
        Assert.True(dashboard.WaitForOutput("ovni dashboard on ", TimeSpan.FromMinutes(2)), dashboard.All);
        return dashboard;
    }

    private static string Url(OvniRun dashboard) => Regex.Match(dashboard.Output, @"ovni dashboard on (http://\S+)").Groups[1].Value;

    [Fact]
    public async Task The_page_lists_the_job_and_its_chunks_and_refuses_remote_requests_without_the_token()
    {
        if (Chromium.Executable() is null) Assert.Skip("chromium is not installed (Debian package chromium; scripts/install-deps.sh installs it)");
        string cs = postgres.NewDatabase();
        using var temp = new TempDirectory();
        string source = temp.File("in.mkv");
        File.Copy(ChunkingInputs.TwoScenes(), source);
        var db = new ClusterDb(cs);
        // A job that waits for an NVENC worker (none here): it stays listed with all its chunks queued, at no encoding cost.
        using var coordinator = OvniRun.Start(["chunked", source, temp.File("out.mkv"), "--encoder", "h264_nvenc", "--cluster", cs, "--work-dir", temp.Path, "--max-chunk", "2"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (db.LatestJob() == 0 && clock.Elapsed < ClusterTests.Long) Thread.Sleep(100);
        long job = db.LatestJob();
        int chunks = db.Chunks(job).Count;

        using OvniRun dashboard = StartDashboard(cs);
        using OvniRun guarded = StartDashboard(cs, "--access-token", "s3cret-token");
        var ct = TestContext.Current.CancellationToken;
        await using Chromium browser = await Chromium.StartAsync(ct);

        var (status, html) = await browser.LoadAsync(Url(dashboard) + "/", null, ct);
        Assert.Equal(200, status);
        Assert.Contains($"Job {job}:", html);
        Assert.Contains("h264_nvenc", html);
        Assert.Equal(chunks, Regex.Matches(html, "<tr class=\"chunk\"").Count);
        Assert.Equal(chunks, Regex.Matches(html, "<td class=\"s-queued\">queued</td>").Count);
        Assert.Contains($"0/{chunks}", html);
        Assert.DoesNotContain("Port=", html);

        // Hangfire's own dashboard is there, without the connection string.
        var (hangfireStatus, hangfire) = await browser.LoadAsync(Url(dashboard) + "/hangfire/servers", null, ct);
        Assert.Equal(200, hangfireStatus);
        Assert.Contains("coordinator", hangfire);
        Assert.DoesNotContain($"Port={postgres.Port}", hangfire);
        Assert.DoesNotContain("Username=ovni", hangfire);

        // A client on another machine, seen through a reverse proxy on this one, is refused; with the token it is let in.
        var remote = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.7" };
        var (refused, refusal) = await browser.LoadAsync(Url(dashboard) + "/", remote, ct);
        Assert.Equal(403, refused);
        Assert.Contains("this machine only", refusal);
        var (refusedHangfire, _) = await browser.LoadAsync(Url(dashboard) + "/hangfire", remote, ct);
        Assert.Equal(403, refusedHangfire);
        var (noToken, _) = await browser.LoadAsync(Url(guarded) + "/", remote, ct);
        Assert.Equal(403, noToken);
        var withToken = new Dictionary<string, string>(remote) { ["Authorization"] = "Bearer s3cret-token" };
        var (allowed, page) = await browser.LoadAsync(Url(guarded) + "/", withToken, ct);
        Assert.Equal(200, allowed);
        Assert.Contains($"Job {job}:", page);

        // Listening beyond loopback without a token is refused outright.
        var open = OvniProcess.Run("dashboard", "--cluster", cs, "--listen", "http://0.0.0.0:0");
        Assert.Equal(1, open.Code);
        Assert.Contains("give an access token", open.Err);

        // The page's own cancel button stops the job: the coordinator ends with the reason, the page shows it cancelled.
        var (afterStatus, after) = await browser.ClickAsync(Url(dashboard) + "/", $"form[action=\"/jobs/{job}/cancel\"] button", ct);
        Assert.Equal(200, afterStatus);
        Assert.Contains("s-cancelled", after);
        Assert.Equal(1, coordinator.WaitForExit(ClusterTests.Long));
        Assert.Contains($"Job {job} was cancelled", coordinator.Errors);
        Assert.Equal("cancelled", db.JobState(job));
        dashboard.Stop(TimeSpan.FromSeconds(20));
        guarded.Stop(TimeSpan.FromSeconds(20));
    }
}
