using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ovni.Distributed.Tests;

/// <summary>
/// Debian's chromium, headless, driven over its DevTools protocol: load a page (optionally with extra request headers,
/// e.g. the X-Forwarded-For a reverse proxy adds for a remote client) and read the HTTP status and the DOM.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    internal static string? Executable() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    internal static async Task<Chromium> StartAsync(CancellationToken cancellationToken)
    {
        string executable = Executable() ?? throw new InvalidOperationException("chromium is not installed");
        string profile = Path.Combine(Path.GetTempPath(), "ovni-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank" })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new Chromium(process, profile);
        string portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited) throw new InvalidOperationException("chromium did not open its DevTools port");
            await Task.Delay(100, cancellationToken);
        }
        string[] lines = File.ReadAllLines(portFile);
        await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), cancellationToken);
        return browser;
    }

    /// <summary>Opens <paramref name="url"/> in a new tab with <paramref name="headers"/>; returns the HTTP status and the page's HTML.</summary>
    internal async Task<(int Status, string Html)> LoadAsync(string url, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        JsonNode target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        string targetId = target["targetId"]!.GetValue<string>();
        JsonNode attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, cancellationToken);
        string session = attached["sessionId"]!.GetValue<string>();
        await SendAsync("Network.enable", new JsonObject(), session, cancellationToken);
        await SendAsync("Page.enable", new JsonObject(), session, cancellationToken);
        if (headers is not null)
        {
            var map = new JsonObject();
            foreach (var (k, v) in headers) map[k] = v;
            await SendAsync("Network.setExtraHTTPHeaders", new JsonObject { ["headers"] = map }, session, cancellationToken);
        }
        _status = 0;
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _session = session;
        _url = url;
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, session, cancellationToken);
        await PumpUntilLoadedAsync(cancellationToken);
        JsonNode html = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "document.documentElement.outerHTML", ["returnByValue"] = true }, session, cancellationToken);
        await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId }, null, cancellationToken);
        return (_status, html["result"]!["value"]!.GetValue<string>());
    }

    /// <summary>Opens <paramref name="url"/>, clicks the element matching <paramref name="selector"/> and returns the page it leads to.</summary>
    internal async Task<(int Status, string Html)> ClickAsync(string url, string selector, CancellationToken cancellationToken)
    {
        JsonNode target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        string targetId = target["targetId"]!.GetValue<string>();
        JsonNode attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, cancellationToken);
        _session = attached["sessionId"]!.GetValue<string>();
        await SendAsync("Network.enable", new JsonObject(), _session, cancellationToken);
        await SendAsync("Page.enable", new JsonObject(), _session, cancellationToken);
        _url = url;
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, _session, cancellationToken);
        await PumpUntilLoadedAsync(cancellationToken);
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _url = new Uri(url).GetLeftPart(UriPartial.Authority);
        JsonNode clicked = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = $"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); if (!e) return false; e.click(); return true; }})()",
            ["returnByValue"] = true,
        }, _session, cancellationToken);
        if (clicked["result"]!["value"]?.GetValue<bool>() != true) throw new InvalidOperationException($"no element matches {selector} on {url}");
        await PumpUntilLoadedAsync(cancellationToken);
        JsonNode html = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "document.documentElement.outerHTML", ["returnByValue"] = true }, _session, cancellationToken);
        await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId }, null, cancellationToken);
        return (_status, html["result"]!["value"]!.GetValue<string>());
    }

    private async Task PumpUntilLoadedAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!_loaded!.Task.IsCompleted) Handle(await ReceiveAsync(timeout.Token));
    }

    private TaskCompletionSource? _loaded;
    private string? _session, _url;
    private int _status;

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, string? session, CancellationToken cancellationToken)
    {
        int id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        await _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            JsonNode reply = await ReceiveAsync(cancellationToken);
            if (Handle(reply)) continue;
            if (reply["id"]?.GetValue<int>() != id) continue;
            if (reply["error"] is JsonNode error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    /// <summary>Notes the page's HTTP status and its load; true when the message was an event.</summary>
    private bool Handle(JsonNode message)
    {
        if (message["method"]?.GetValue<string>() is not string evt) return false;
        bool ours = message["sessionId"]?.GetValue<string>() == _session;
        if (evt == "Network.responseReceived" && ours && message["params"]!["type"]?.GetValue<string>() == "Document"
            && message["params"]!["response"]!["url"]!.GetValue<string>().StartsWith(_url ?? "\0", StringComparison.Ordinal))
            _status = message["params"]!["response"]!["status"]!.GetValue<int>();
        if (evt == "Page.loadEventFired" && ours) _loaded?.TrySetResult();
        return true;
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }
        return JsonNode.Parse(message.ToArray())!;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); } catch (WebSocketException) { }
        _socket.Dispose();
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
