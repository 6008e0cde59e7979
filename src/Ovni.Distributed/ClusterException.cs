namespace Ovni.Distributed;

/// <summary>A cluster operation failed: the database cannot be reached or refused, a job is unknown or in the wrong state.</summary>
public sealed class ClusterException : OvniException
{
    /// <summary>Creates the exception with a message naming what failed and why.</summary>
    public ClusterException(string message, Exception? innerException = null) : base(message, innerException) { }
}
