// Why: SVT-AV1 (Debian 12's 1.4.1, and releases up to 2.3 at least) keeps a process-global CPU-topology table (`lp_group`)
// that every encoder's open allocates if absent and then fills, and every encoder's close frees unconditionally, with no
// lock. Two SVT-AV1 encoders opening and closing at the same time in one process can therefore write through a pointer
// the other has just freed and cleared: a segfault in memset on an encoder thread, which no .NET handler can catch. It
// happened here once in about 1,300 per-shot hull probes run two at a time. Opening and closing such encoders one at a
// time per process removes the race; their encoding still runs in parallel (the table is not used after the open).
namespace Ovni.Interop.FFmpeg;

/// <summary>Opens and frees encoders whose library keeps unguarded process-global state one at a time.</summary>
internal static unsafe class EncoderLifecycle
{
    private static readonly Lock Gate = new();
    private static int _inside, _mostInside;

    /// <summary>Whether <paramref name="encoder"/>'s open and close must not overlap another's in this process.</summary>
    internal static bool IsSerialized(string encoder) => encoder == "libsvtav1";

    /// <summary>The most open or close sections of serialized encoders seen running at once (1 when the lock holds; for tests).</summary>
    internal static int MostInside => Volatile.Read(ref _mostInside);

    /// <summary><c>avcodec_open2</c>, under the lock when <paramref name="serialized"/>.</summary>
    internal static int Open(bool serialized, void* context, void* codec, void** options)
    {
        if (!serialized) return FFmpegApi.avcodec_open2(context, codec, options);
        lock (Gate)
        {
            Enter();
            try { return FFmpegApi.avcodec_open2(context, codec, options); }
            finally { Interlocked.Decrement(ref _inside); }
        }
    }

    /// <summary><c>avcodec_free_context</c>, under the lock when <paramref name="serialized"/>.</summary>
    internal static void Free(bool serialized, void* context)
    {
        if (!serialized)
        {
            FFmpegApi.avcodec_free_context(&context);
            return;
        }
        lock (Gate)
        {
            Enter();
            try { FFmpegApi.avcodec_free_context(&context); }
            finally { Interlocked.Decrement(ref _inside); }
        }
    }

    private static void Enter()
    {
        int now = Interlocked.Increment(ref _inside);
        int most;
        while (now > (most = Volatile.Read(ref _mostInside)) && Interlocked.CompareExchange(ref _mostInside, now, most) != most) { }
    }
}
