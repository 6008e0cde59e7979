// Why: one reusable work item per body type and calling thread, so row bands cost no allocation per frame.
using System.Runtime.ExceptionServices;

namespace Ovni.Operations;

/// <summary>
/// The caller and <c>bands - 1</c> thread-pool helpers claim bands from a shared counter until none are left; the
/// caller returns once every band is done. A helper that starts late finds nothing to do; the job is reused only
/// after every helper has left it.
/// </summary>
internal sealed class RowBandJob<TBody> : IThreadPoolWorkItem
    where TBody : struct, IRowBandBody
{
    // A few jobs per calling thread: a helper that is still leaving (or has not yet reached) a previous job must not
    // force an allocation; when all are taken the caller runs the bands itself.
    private const int CachedJobs = 8;

    [ThreadStatic]
    private static RowBandJob<TBody>?[]? t_cached;

    private readonly ManualResetEventSlim _done = new(false);
    private TBody _body;
    private int _rows, _bands, _next, _remaining, _helpersOut;
    private ExceptionDispatchInfo? _error;

    /// <summary>Runs <paramref name="bands"/> bands of <paramref name="rows"/> rows of <paramref name="body"/>.</summary>
    public static void Run(int rows, int bands, in TBody body)
    {
        RowBandJob<TBody>?[] cached = t_cached ??= new RowBandJob<TBody>?[CachedJobs];
        RowBandJob<TBody>? job = null;
        int free = -1;
        for (int i = 0; i < cached.Length && job is null; i++)
        {
            if (cached[i] is null)
            {
                free = free < 0 ? i : free;
            }
            else if (Volatile.Read(ref cached[i]!._helpersOut) == 0)
            {
                job = cached[i];
            }
        }

        if (job is null)
        {
            if (free < 0)
            {
                // Every cached job still has a late helper in it (a busy machine schedules helpers late): do the
                // work here rather than allocate a job per frame.
                body.Run(0, rows);
                return;
            }

            job = new RowBandJob<TBody>();
            cached[free] = job;
        }

        job._body = body;
        job._rows = rows;
        job._bands = bands;
        job._next = 0;
        job._error = null;
        job._remaining = bands;
        job._helpersOut = bands - 1;
        job._done.Reset();
        for (int i = 1; i < bands; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.Work();
        job._done.Wait();
        ExceptionDispatchInfo? error = job._error;
        job._body = default;
        error?.Throw();
    }

    /// <inheritdoc />
    public void Execute()
    {
        Work();
        Interlocked.Decrement(ref _helpersOut);
    }

    private void Work()
    {
        while (true)
        {
            int band = Interlocked.Increment(ref _next) - 1;
            if (band >= _bands)
            {
                return;
            }

            try
            {
                int start = (int)((long)_rows * band / _bands), end = (int)((long)_rows * (band + 1) / _bands);
                _body.Run(start, end);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.Set();
            }
        }
    }
}
