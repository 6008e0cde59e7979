// Why: blur and Lanczos kernels read integer weight tables from device memory; uploading them per frame would
// allocate and copy every frame. Tables are keyed by what defines them and kept until the device goes away.
namespace Ovni.Devices.Cuda;

/// <summary>Device-resident copies of small int tables, created once per key.</summary>
internal sealed class DeviceTableCache(CudaDevice device) : IDisposable
{
    private const int MaxTables = 64;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, long Key), CudaDeviceBuffer> _tables = new();

    /// <summary>The device copy of the table <paramref name="create"/> builds for (kind, key).</summary>
    public CudaDeviceBuffer Get(string kind, long key, Func<int[]> create)
    {
        lock (_gate)
        {
            if (_tables.TryGetValue((kind, key), out CudaDeviceBuffer? buffer) && !buffer.IsClosed) return buffer;
            if (_tables.Count >= MaxTables)
            {
                // Animated sigmas could otherwise grow this without bound; launches already queued hold no
                // reference, so synchronise before freeing.
                device.Synchronize();
                foreach (CudaDeviceBuffer old in _tables.Values) old.Dispose();
                _tables.Clear();
            }
            int[] table = create();
            byte[] bytes = new byte[table.Length * sizeof(int)];
            Buffer.BlockCopy(table, 0, bytes, 0, bytes.Length);
            buffer = CudaDeviceBuffer.Allocate(device.Context, bytes.Length);
            buffer.CopyFromHost(bytes, bytes.Length, device.Stream);
            device.Synchronize();
            _tables[(kind, key)] = buffer;
            return buffer;
        }
    }

    /// <summary>Frees every table (the device's queued work is finished first).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_tables.Count > 0) device.Synchronize();
            foreach (CudaDeviceBuffer buffer in _tables.Values) buffer.Dispose();
            _tables.Clear();
        }
    }
}
