namespace Ovni.Distributed;

/// <summary>Where the cluster's state lives and how quickly dead workers are noticed.</summary>
public sealed record ClusterOptions
{
    /// <summary>PostgreSQL connection string (Npgsql syntax: "Host=…;Database=…;Username=…;Password=…").</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// How long a chunk may go without a heartbeat before another worker takes it over; also Hangfire's (sliding)
    /// invisibility timeout. A live worker renews it every fifth of this, so a long chunk is never run twice; a killed
    /// worker's chunk is picked up again after at most this long. Default 2 minutes.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often idle workers look for work when no notification arrives. New work is announced by PostgreSQL
    /// LISTEN/NOTIFY and picked up at once; this is only the safety net. Default 5 s (Hangfire.PostgreSql's own default is 15 s).
    /// </summary>
    public TimeSpan PollFallback { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Schema of Ovni's job and chunk tables. Default "ovni".</summary>
    public string Schema { get; init; } = "ovni";

    /// <summary>Schema of Hangfire's tables. Default "hangfire".</summary>
    public string HangfireSchema { get; init; } = "hangfire";
}
