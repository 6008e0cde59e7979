namespace Ovni.Interop.FFmpeg;

/// <summary>A short-lived AVDictionary of options; what FFmpeg did not consume is reported back as unknown.</summary>
internal unsafe struct AvDictionary : IDisposable
{
    private void* _dict;

    internal void** Address
    {
        get
        {
            fixed (void** p = &_dict) return p;
        }
    }

    internal void Set(string key, string value)
    {
        byte[] k = Utf8.ToNullTerminated(key);
        byte[] v = Utf8.ToNullTerminated(value);
        fixed (byte* pk = k, pv = v)
        fixed (void** d = &_dict)
            FFmpegApi.av_dict_set(d, pk, pv, 0);
    }

    /// <summary>Keys left in the dictionary: options no component recognised.</summary>
    internal readonly List<string> RemainingKeys()
    {
        var keys = new List<string>();
        byte* empty = stackalloc byte[1];
        empty[0] = 0;
        void* entry = null;
        while ((entry = FFmpegApi.av_dict_get(_dict, empty, entry, 2 /* AV_DICT_IGNORE_SUFFIX */)) != null)
            keys.Add(Utf8.ToString(*(byte**)entry) ?? "?");
        return keys;
    }

    public void Dispose()
    {
        fixed (void** d = &_dict) FFmpegApi.av_dict_free(d);
    }
}
