// Driver entry points that FFmpeg's CUDA loader (ffnvcodec dynlink_loader.h) requires to exist but that
// neither Ovni nor FFmpeg's hwupload/hwdownload path needs: graphics interop, arrays, textures, linking,
// external memory, EGL. They exist so the loader succeeds; calling them says plainly "not supported".
#include "emu_state.hpp"

// The real signatures take arguments; none are read, and on the supported ABIs a caller's extra
// arguments are harmless to a callee that ignores them.
#define OVNI_EMU_UNSUPPORTED(name) \
  CUEMU_API CUresult name(void) { return CUDA_ERROR_NOT_SUPPORTED; }

OVNI_EMU_UNSUPPORTED(cuLinkCreate)
OVNI_EMU_UNSUPPORTED(cuLinkCreate_v2)
OVNI_EMU_UNSUPPORTED(cuLinkAddData)
OVNI_EMU_UNSUPPORTED(cuLinkAddData_v2)
OVNI_EMU_UNSUPPORTED(cuLinkComplete)
OVNI_EMU_UNSUPPORTED(cuLinkDestroy)
OVNI_EMU_UNSUPPORTED(cuTexObjectCreate)
OVNI_EMU_UNSUPPORTED(cuTexObjectDestroy)
OVNI_EMU_UNSUPPORTED(cuGLGetDevices_v2)
OVNI_EMU_UNSUPPORTED(cuGraphicsGLRegisterImage)
OVNI_EMU_UNSUPPORTED(cuGraphicsUnregisterResource)
OVNI_EMU_UNSUPPORTED(cuGraphicsMapResources)
OVNI_EMU_UNSUPPORTED(cuGraphicsUnmapResources)
OVNI_EMU_UNSUPPORTED(cuGraphicsSubResourceGetMappedArray)
OVNI_EMU_UNSUPPORTED(cuGraphicsResourceGetMappedPointer_v2)
OVNI_EMU_UNSUPPORTED(cuArray3DCreate_v2)
OVNI_EMU_UNSUPPORTED(cuArrayDestroy)
OVNI_EMU_UNSUPPORTED(cuImportExternalMemory)
OVNI_EMU_UNSUPPORTED(cuDestroyExternalMemory)
OVNI_EMU_UNSUPPORTED(cuExternalMemoryGetMappedBuffer)
OVNI_EMU_UNSUPPORTED(cuExternalMemoryGetMappedMipmappedArray)
OVNI_EMU_UNSUPPORTED(cuMipmappedArrayGetLevel)
OVNI_EMU_UNSUPPORTED(cuMipmappedArrayDestroy)
OVNI_EMU_UNSUPPORTED(cuImportExternalSemaphore)
OVNI_EMU_UNSUPPORTED(cuDestroyExternalSemaphore)
OVNI_EMU_UNSUPPORTED(cuSignalExternalSemaphoresAsync)
OVNI_EMU_UNSUPPORTED(cuWaitExternalSemaphoresAsync)
OVNI_EMU_UNSUPPORTED(cuEGLStreamProducerConnect)
OVNI_EMU_UNSUPPORTED(cuEGLStreamProducerDisconnect)
OVNI_EMU_UNSUPPORTED(cuEGLStreamConsumerDisconnect)
OVNI_EMU_UNSUPPORTED(cuEGLStreamProducerPresentFrame)
OVNI_EMU_UNSUPPORTED(cuEGLStreamProducerReturnFrame)
