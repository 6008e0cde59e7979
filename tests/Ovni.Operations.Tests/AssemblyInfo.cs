// The emulator tests share one emulated device and assert on its global allocation counter.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
