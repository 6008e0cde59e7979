using Microsoft.Extensions.Hosting;

namespace Ovni.Distributed;

/// <summary>
/// Keeps ASP.NET Core's console lifetime out of Ovni's servers: it would take SIGTERM/Ctrl+C for itself and block the
/// signal until the web host is disposed, while the command that owns the server (and its cancellation) never hears of it.
/// </summary>
internal sealed class NoHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
