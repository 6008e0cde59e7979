using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Ovni.Distributed;

/// <summary>
/// Hangfire on PostgreSQL the way chunk jobs need it. Read from Hangfire.PostgreSql's sources: sliding invisibility is
/// off by default and the invisibility timeout is 30 min, so a chunk that runs longer would be handed to a second
/// worker — here the heartbeat is on and the timeout is the cluster lease; queues are polled every 15 s by default —
/// here LISTEN/NOTIFY long polling wakes workers the moment a job is enqueued (the poll is only a fallback).
/// </summary>
internal static class HangfireSetup
{
    private static int _configured;

    internal static PostgreSqlStorageOptions StorageOptions(ClusterOptions options, bool prepareSchema) => new()
    {
        SchemaName = options.HangfireSchema,
        InvisibilityTimeout = options.Lease,
        UseSlidingInvisibilityTimeout = true,
        EnableLongPolling = true,
        QueuePollInterval = options.PollFallback,
        PrepareSchemaIfNecessary = prepareSchema,
        EnableTransactionScopeEnlistment = true,
        StartupConnectionMaxRetries = 0,
        AllowDegradedModeWithoutStorage = false,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>The storage a worker, coordinator or dashboard uses (creates Hangfire's tables when missing).</summary>
    internal static PostgreSqlStorage Storage(ClusterDatabase database)
    {
        ConfigureGlobal();
        PostgreSqlStorageOptions options = StorageOptions(database.Options, prepareSchema: true);
        try
        {
            // Hangfire.PostgreSql's installer is not safe against itself: two workers starting together can both try to
            // add the same column. A session advisory lock lets one install while the others wait, then find it done.
            using NpgsqlConnection gate = database.Open();
            using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('ovni-hangfire-schema'))", gate)) take.ExecuteNonQuery();
            try
            {
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
            }
            finally
            {
                using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('ovni-hangfire-schema'))", gate);
                release.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw database.Describe(e.InnerException is NpgsqlException inner ? inner : e);
        }
    }

    /// <summary>
    /// A storage over one open connection, for enqueueing inside that connection's (ambient) transaction: the job
    /// rows and the NOTIFY commit or roll back together with Ovni's own changes.
    /// </summary>
    internal static PostgreSqlStorage OnConnection(NpgsqlConnection connection, ClusterOptions options)
    {
        ConfigureGlobal();
        PostgreSqlStorageOptions storageOptions = StorageOptions(options, prepareSchema: false);
        storageOptions.UseSlidingInvisibilityTimeout = false;
        return new PostgreSqlStorage(new ExistingNpgsqlConnectionFactory(connection, storageOptions), storageOptions);
    }

    /// <summary>Type names without versions (workers of different builds understand each other) and quiet logging.</summary>
    internal static void ConfigureGlobal()
    {
        if (Interlocked.Exchange(ref _configured, 1) != 0) return;
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }
}
