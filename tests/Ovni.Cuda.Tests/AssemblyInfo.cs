// The tests share one emulated device and assert on its global counters (live allocations, free VRAM),
// so they must not run concurrently.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
