namespace Ovni.Distributed;

/// <summary>How chunks travel between the coordinator and the workers.</summary>
public enum ChunkTransferMode
{
    /// <summary>A folder every machine sees at the same path (NFS, SMB): workers read the source and write chunks there.</summary>
    SharedFolder,

    /// <summary>No shared folder: workers read the source from the coordinator over HTTP (range requests) and upload chunks with checksums.</summary>
    Http,
}
