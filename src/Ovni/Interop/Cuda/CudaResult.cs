// CUresult: the status every CUDA driver call returns (values from the driver API documentation).
namespace Ovni.Interop.Cuda;

/// <summary>Status codes returned by the CUDA driver API (<c>CUresult</c>).</summary>
internal enum CudaResult
{
    /// <summary>The call succeeded.</summary>
    Success = 0,
    /// <summary>An argument was out of range.</summary>
    InvalidValue = 1,
    /// <summary>Device memory could not be allocated.</summary>
    OutOfMemory = 2,
    /// <summary><c>cuInit</c> has not been called.</summary>
    NotInitialized = 3,
    /// <summary>The driver is shutting down.</summary>
    Deinitialized = 4,
    /// <summary>No CUDA-capable device was found.</summary>
    NoDevice = 100,
    /// <summary>The device ordinal is not valid.</summary>
    InvalidDevice = 101,
    /// <summary>The module image is not valid.</summary>
    InvalidImage = 200,
    /// <summary>No context is current, or the context is not valid.</summary>
    InvalidContext = 201,
    /// <summary>PTX compilation failed.</summary>
    InvalidPtx = 218,
    /// <summary>A shared object symbol could not be resolved.</summary>
    SharedObjectSymbolNotFound = 302,
    /// <summary>A shared object failed to initialise.</summary>
    SharedObjectInitFailed = 303,
    /// <summary>A handle (stream, event, module, function) is not valid.</summary>
    InvalidHandle = 400,
    /// <summary>A named symbol (e.g. a kernel entry) was not found.</summary>
    NotFound = 500,
    /// <summary>Asynchronous work has not completed yet.</summary>
    NotReady = 600,
    /// <summary>A kernel accessed an illegal address.</summary>
    IllegalAddress = 700,
    /// <summary>A launch requested too many resources.</summary>
    LaunchOutOfResources = 701,
    /// <summary>A kernel failed while running.</summary>
    LaunchFailed = 719,
    /// <summary>The operation is not supported.</summary>
    NotSupported = 801,
    /// <summary>An unknown error occurred.</summary>
    Unknown = 999,
}
