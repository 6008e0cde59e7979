namespace Ovni.Quality;

// One frame pair waiting for a worker; Previous is the prior frame's buffers (reference luma for motion).
internal readonly record struct FrameJob(int Index, FrameBuffers Current, FrameBuffers? Previous, bool Scored);
