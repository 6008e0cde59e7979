using System.Globalization;
using System.Net;
using System.Text;

namespace Ovni.Distributed;

/// <summary>Ovni's dashboard page: plain server-rendered HTML that refreshes itself every two seconds.</summary>
internal static class DashboardPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin:1.5rem 0 .3rem}
        table{border-collapse:collapse;margin:.3rem 0 1rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;font-size:.85rem;text-align:left}
        th{background:#f4f4f4}.bar{width:12rem;height:.7rem;background:#eee;display:inline-block;vertical-align:middle}
        .bar span{display:block;height:100%;background:#3a7}.s-done{color:#272}.s-failed{color:#b22}.s-running{color:#25a}.s-paused,.s-cancelled{color:#888}
        form{display:inline}button{margin-right:.3rem}.err{color:#b22}
        """;

    internal static string Render(IReadOnlyList<ClusterJobInfo> jobs, string csrf)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\"><title>Ovni cluster</title><style>")
            .Append(Style).Append("</style></head><body><h1>Ovni cluster: chunked encoding jobs</h1>")
            .Append("<p><a href=\"/hangfire\">Hangfire dashboard</a> (queues, servers, retries)</p>");
        if (jobs.Count == 0) html.Append("<p id=\"no-jobs\">No jobs yet.</p>");
        foreach (ClusterJobInfo job in jobs) Job(html, job, csrf);
        return html.Append("</body></html>").ToString();
    }

    internal static string Message(string text) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Ovni cluster</title></head><body><p class=\"err\">{E(text)}</p><p><a href=\"/\">back</a></p></body></html>";

    private static void Job(StringBuilder html, ClusterJobInfo job, string csrf)
    {
        double fraction = job.FramesTotal > 0 ? Math.Min(1, (double)job.FramesDone / job.FramesTotal) : 0;
        string eta = job.State == "running" && job.Eta is TimeSpan t ? t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "–";
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"job-{job.Id}\">Job {job.Id}: <span class=\"s-{E(job.State)}\">{E(job.State)}</span></h2>")
            .Append("<table class=\"job\"><tr><th>source</th><th>output</th><th>encoder</th><th>transfer</th><th>chunks</th><th>frames</th><th>progress</th><th>ETA</th></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><td>{E(job.Source)}</td><td>{E(job.Output)}</td><td>{E(job.Encoder)}</td><td>{E(job.Transfer)}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"chunks-done\">{job.ChunksDone}/{job.ChunksTotal}</td><td>{job.FramesDone}/{job.FramesTotal}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td><span class=\"bar\"><span style=\"width:{fraction * 100:0.0}%\"></span></span> {fraction * 100:0.0}%</td><td class=\"eta\">{eta}</td></tr></table>");
        if (job.Error is not null) html.Append(CultureInfo.InvariantCulture, $"<p class=\"err\">{E(job.Error)}</p>");
        foreach (string action in Actions(job.State))
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/jobs/{job.Id}/{action}\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button>{action}</button></form>");
        if (job.Chunks.Count == 0) return;
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"chunks\" id=\"chunks-{job.Id}\"><tr><th>chunk</th><th>frames</th><th>state</th><th>progress</th><th>worker</th><th>runs</th><th>failures</th><th>size</th><th>error</th></tr>");
        foreach (ClusterChunkInfo chunk in job.Chunks)
        {
            int done = chunk.State == "done" ? chunk.FrameCount : chunk.FramesDone;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"chunk\" data-chunk=\"{chunk.Index}\"><td>{chunk.Index}</td><td>{chunk.StartFrame}–{chunk.StartFrame + chunk.FrameCount - 1}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"s-{E(chunk.State)}\">{E(chunk.State)}</td><td>{done}/{chunk.FrameCount}</td><td>{E(chunk.Worker ?? "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{chunk.Runs}</td><td>{chunk.Attempts}</td><td>{(chunk.Size is long size ? size.ToString(CultureInfo.InvariantCulture) : "")}</td><td>{E(chunk.Error ?? "")}</td></tr>");
        }
        html.Append("</table>");
    }

    private static string[] Actions(string state) => state switch
    {
        "running" => ["pause", "cancel"],
        "paused" => ["resume", "cancel"],
        "joining" => ["cancel"],
        "failed" => ["retry", "cancel"],
        "cancelled" => ["retry"],
        _ => [],
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
