using System.Net;
using System.Security.Cryptography;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ovni.Distributed;

/// <summary>
/// <c>ovni dashboard</c>: Hangfire's dashboard (at /hangfire, connection string hidden) and Ovni's own page (at /:
/// every job's progress, per-chunk state and ETA, with pause, resume, cancel and retry). Only this machine may use it
/// unless an access token is set; listening anywhere but on loopback requires one.
/// </summary>
public static class ClusterDashboard
{
    /// <summary>Serves the dashboard until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="options">Database, address, access token.</param>
    /// <param name="ready">Called with the address served, once listening.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <exception cref="OvniException">A non-loopback address without an access token, a busy port, an unreachable database.</exception>
    public static async Task RunAsync(ClusterDashboardOptions options, Action<string>? ready = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsLoopbackAddress(options.Listen) && string.IsNullOrEmpty(options.AccessToken))
            throw new OvniException($"The dashboard would listen on {options.Listen}, which other machines can reach; give an access token (--access-token) or listen on 127.0.0.1.");
        await using var database = new ClusterDatabase(options.Cluster);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        PostgreSqlStorage storage = HangfireSetup.Storage(database);
        var store = new ClusterStore(database);
        var access = new DashboardAccess(options.AccessToken);
        string csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoHostLifetime>();
        builder.WebHost.UseUrls(options.Listen);
        builder.Services.AddHangfire(c => c.UseStorage(storage));
        builder.Services.AddAntiforgery();
        WebApplication app = builder.Build();

        // Behind a reverse proxy on this machine the client's own address (X-Forwarded-For) is what the access rule sees.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
        app.Use(async (http, next) =>
        {
            if (!access.IsAllowed(http))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("403: the Ovni dashboard answers requests from this machine only, or with its access token.", http.RequestAborted);
                return;
            }
            if (options.AccessToken is not null && http.Request.Query.TryGetValue("token", out var token) && token.ToString() == options.AccessToken)
                http.Response.Cookies.Append(DashboardAccess.Cookie, options.AccessToken, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            await next(http);
        });
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DisplayStorageConnectionString = false,
            Authorization = [access],
            AppPath = "/",
            DashboardTitle = "Ovni cluster (Hangfire)",
        }, storage);

        app.MapGet("/", () => Results.Content(DashboardPage.Render(store.ListJobs().Select(j => store.Describe(j.Id, withChunks: j.State != "done") ?? j).ToList(), csrf), "text/html; charset=utf-8"));
        app.MapGet("/jobs/{id:long}", (long id) => store.Describe(id, withChunks: true) is { } job
            ? Results.Content(DashboardPage.Render([job], csrf), "text/html; charset=utf-8")
            : Results.NotFound());
        app.MapGet("/api/jobs", () => Results.Json(store.ListJobs()));
        app.MapGet("/api/jobs/{id:long}", (long id) => store.Describe(id, withChunks: true) is { } job ? Results.Json(job) : Results.NotFound());
        app.MapPost("/jobs/{id:long}/{action}", async (HttpContext http, long id, string action) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["csrf"] != csrf) return Results.BadRequest("stale page: reload and try again");
            try
            {
                switch (action)
                {
                    case "pause": store.Pause(id); break;
                    case "resume": store.Resume(id); break;
                    case "cancel": store.Cancel(id); break;
                    case "retry": store.Retry(id); break;
                    default: return Results.NotFound();
                }
            }
            catch (ClusterException e)
            {
                return Results.Content(DashboardPage.Message(e.Message), "text/html; charset=utf-8", statusCode: 409);
            }
            return Results.Redirect("/");
        }).DisableAntiforgery();

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new OvniException($"The dashboard cannot listen on {options.Listen}: {e.Message}", e);
        }
        string url = app.Urls.First();
        logger?.LogInformation("Ovni dashboard on {Url} (Hangfire's at {Url}/hangfire)", url, url);
        ready?.Invoke(url);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsLoopbackAddress(string listen)
    {
        if (!Uri.TryCreate(listen.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri))
            return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
    }
}
