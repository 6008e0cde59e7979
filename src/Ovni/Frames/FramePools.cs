// Why: operations that return a new frame (scale, colour conversion, pad) must not allocate per frame. Host frames
// come from one FramePool per format and size, kept for the few sizes a pipeline uses; each configuration has its own.
namespace Ovni;

/// <summary>Pools of host frames for operation outputs, least recently used released beyond <see cref="OvniConfiguration.MaxFramePools"/>.</summary>
internal sealed class FramePools
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OvniConfiguration, FramePools> s_ofConfiguration = new();
    private readonly OvniConfiguration _configuration;
    private readonly Lock _gate = new();
    private readonly Dictionary<(PixelFormat Format, int Width, int Height), FramePool> _pools = new();
    private readonly LinkedList<(PixelFormat Format, int Width, int Height)> _recent = new();

    private FramePools(OvniConfiguration configuration) => _configuration = configuration;

    /// <summary>The pools of <paramref name="configuration"/> (created on first use; a clone of it has its own).</summary>
    public static FramePools Of(OvniConfiguration configuration) => s_ofConfiguration.GetValue(configuration, static c => new FramePools(c));

    /// <summary>A host frame with uninitialised pixels.</summary>
    public GpuFrame Rent(PixelFormat format, int width, int height)
    {
        var key = (format, width, height);
        lock (_gate)
        {
            if (!_pools.TryGetValue(key, out FramePool? pool))
            {
                pool = new FramePool(format, width, height);
                _pools[key] = pool;
                _recent.AddFirst(key);
                while (_recent.Count > Math.Max(1, _configuration.MaxFramePools))
                {
                    var oldest = _recent.Last!.Value;
                    _recent.RemoveLast();
                    if (_pools.Remove(oldest, out FramePool? evicted)) evicted.Dispose(); // frames out keep their memory
                }
            }
            else if (_recent.First!.Value != key)
            {
                // Move the existing node: AddFirst(value) would allocate a new node per frame when sizes alternate.
                LinkedListNode<(PixelFormat, int, int)> node = _recent.Find(key)!;
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            GpuFrame frame = pool.Rent();
            frame.Configuration = _configuration;
            return frame;
        }
    }
}
