// Test-only host kernels library for the emulator's launch path. It exports the same entry point as
// native/kernels' host build, with one kernel: add_one(unsigned char* data, int pitch, int width, int height)
// adds 1 to every byte of a pitched width x height plane, walking grid and block like a CUDA launch.
#include <cstring>

namespace {
void addOne(unsigned gx, unsigned gy, unsigned bx, unsigned by, void** params) {
  unsigned char* data = *static_cast<unsigned char**>(params[0]);
  int pitch = *static_cast<int*>(params[1]);
  int width = *static_cast<int*>(params[2]);
  int height = *static_cast<int*>(params[3]);
  for (unsigned blockY = 0; blockY < gy; ++blockY)
    for (unsigned blockX = 0; blockX < gx; ++blockX)
      for (unsigned threadY = 0; threadY < by; ++threadY)
        for (unsigned threadX = 0; threadX < bx; ++threadX) {
          long x = static_cast<long>(blockX) * bx + threadX;
          long y = static_cast<long>(blockY) * by + threadY;
          if (x < width && y < height) data[y * pitch + x] = static_cast<unsigned char>(data[y * pitch + x] + 1);
        }
}
}  // namespace

extern "C" __attribute__((visibility("default"))) int ovni_host_launch(const char* entry, unsigned gx, unsigned gy,
                                                                        unsigned gz, unsigned bx, unsigned by,
                                                                        unsigned bz, void** params) {
  if (std::strcmp(entry, "add_one") != 0) return 1;
  if (gz != 1 || bz != 1 || params == nullptr) return 2;
  addOne(gx, gy, bx, by, params);
  return 0;
}
