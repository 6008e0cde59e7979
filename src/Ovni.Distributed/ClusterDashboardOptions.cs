namespace Ovni.Distributed;

/// <summary>Settings of <c>ovni dashboard</c>.</summary>
public sealed record ClusterDashboardOptions
{
    /// <summary>The cluster database.</summary>
    public required ClusterOptions Cluster { get; init; }

    /// <summary>Where to listen. Default http://127.0.0.1:5080 (this machine only). Another address needs <see cref="AccessToken"/>.</summary>
    public string Listen { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// A secret that lets requests from other machines in (as "Authorization: Bearer …", or once as ?token=… which sets a
    /// cookie). Without it only requests from this machine are served (behind a reverse proxy on this machine, the
    /// client's address from X-Forwarded-For counts).
    /// </summary>
    public string? AccessToken { get; init; }
}
