using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ovni.Distributed;

/// <summary>
/// Chunk transfer without a shared folder: the coordinator serves its source to workers over HTTP with range requests
/// (FFmpeg's HTTP client asks for the header and then only the byte ranges around a chunk's frames) and takes each
/// finished chunk back as an upload whose SHA-256 it checks before keeping it. Every request carries the job's own
/// random token.
/// </summary>
internal sealed partial class TransferServer : IAsyncDisposable
{
    internal const string ChecksumHeader = "X-Ovni-Sha256";
    private readonly WebApplication _app;
    private long _sourceRequests, _rangeRequests, _uploads;

    private TransferServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The address workers use.</summary>
    internal string BaseUrl { get; }

    internal long SourceRequests => Interlocked.Read(ref _sourceRequests);
    internal long RangeRequests => Interlocked.Read(ref _rangeRequests);
    internal long Uploads => Interlocked.Read(ref _uploads);

    [GeneratedRegex("^chunk-[0-9]{5}\\.[0-9a-f]{8}\\.mkv$")]
    private static partial Regex ChunkName();

    internal static async Task<TransferServer> StartAsync(string listen, string? advertise, ClusterStore store, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoHostLifetime>();
        builder.WebHost.UseUrls(listen);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = null); // chunks of 4K video exceed the 30 MB default
        WebApplication app = builder.Build();
        TransferServer? server = null;

        app.MapGet("/ovni/jobs/{id:long}/source", (HttpContext http, long id, string? token) =>
        {
            JobRow? job = Authorize(store, http, id, token);
            if (job is null) return Results.Unauthorized();
            Interlocked.Increment(ref server!._sourceRequests);
            if (http.Request.Headers.Range.Count > 0) Interlocked.Increment(ref server._rangeRequests);
            return Results.File(job.Source, "application/octet-stream", enableRangeProcessing: true);
        });

        app.MapPut("/ovni/jobs/{id:long}/chunks/{index:int}", async (HttpContext http, long id, int index, string? name, string? token) =>
        {
            JobRow? job = Authorize(store, http, id, token);
            if (job is null) return Results.Unauthorized();
            if (name is null || !ChunkName().IsMatch(name) || !name.StartsWith($"chunk-{index:D5}.", StringComparison.Ordinal))
                return Results.BadRequest("bad chunk name");
            string expected = http.Request.Headers[ChecksumHeader].ToString();
            string final = Path.Combine(job.WorkDir, name), temp = final + ".upload-" + Guid.NewGuid().ToString("N")[..8] + ".partial";
            try
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    byte[] buffer = new byte[1 << 16];
                    int read;
                    while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                    }
                    await file.FlushAsync(http.RequestAborted);
                    file.Flush(flushToDisk: true);
                }
                string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    ChunkRunner.DeleteQuietly(temp);
                    return Results.UnprocessableEntity($"checksum mismatch: received {actual}, expected {expected}");
                }
                File.Move(temp, final, overwrite: true);
                Interlocked.Increment(ref server!._uploads);
                return Results.Text(name);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                ChunkRunner.DeleteQuietly(temp);
                return Results.Problem($"upload failed: {e.Message}", statusCode: 500);
            }
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ClusterException($"Cannot serve chunk transfers at {listen}: {e.Message}", e);
        }
        string bound = app.Urls.First();
        var uri = new Uri(bound);
        string baseUrl = advertise?.TrimEnd('/') ?? (uri.Host is "0.0.0.0" or "[::]" or "::" ? $"{uri.Scheme}://{Environment.MachineName}:{uri.Port}" : bound.TrimEnd('/'));
        server = new TransferServer(app, baseUrl);
        return server;
    }

    /// <summary>The job, if the request carries its token (Bearer header or token= query) and it transfers over HTTP.</summary>
    private static JobRow? Authorize(ClusterStore store, HttpContext http, long id, string? queryToken)
    {
        JobRow? job = store.GetJob(id);
        if (job is not { Transfer: "http", HttpToken: not null }) return null;
        string? given = queryToken;
        string header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal)) given = header["Bearer ".Length..];
        if (given is null) return null;
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(job.HttpToken)) ? job : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
