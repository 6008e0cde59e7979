// MediaReader with a CUDA device on the emulator: the decoder is offered FFmpeg's CUDA hw device and asks
// for CUDA output, NVDEC cannot start (the emulator has no libnvcuvid), FFmpeg falls back to software
// decoding, and Ovni uploads each frame so the consumer still gets device frames, saying why.
using Ovni.Devices.Cuda;

namespace Ovni.Cuda.Tests;

public sealed class GpuDecodeTests
{
    [Fact]
    public void Without_nvdec_frames_are_decoded_on_the_cpu_uploaded_and_identical_to_cpu_decoding()
    {
        CudaTestEnvironment.RequireEmulator();
        string path = TestMedia.Require("sample_with_srt.mkv");
        using CudaDevice device = CudaDevice.Open();
        long offersBefore = CudaDecoding.CudaOffers;
        List<GpuFrame> expected = TestMedia.Decode(path, 8);
        try
        {
            using MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Device = device });
            foreach (GpuFrame cpuFrame in expected)
            {
                using GpuFrame? frame = reader.ReadFrame();
                Assert.NotNull(frame);
                Assert.Same(device, frame.Device);
                Assert.Equal(cpuFrame.Index, frame.Index);
                Assert.Equal(cpuFrame.Pts, frame.Pts);
                using GpuFrame back = frame.Download();
                TestMedia.AssertSamePixels(cpuFrame, back);
            }

            Assert.False(reader.IsHardwareDecoding);
            Assert.Contains("libnvcuvid", reader.HardwareDecodingFallbackReason);
            Assert.True(CudaDecoding.CudaOffers > offersBefore, "the h264 decoder never offered CUDA output, so the NVDEC path was not tried");
        }
        finally
        {
            expected.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Requiring_hardware_decoding_without_nvdec_is_a_clear_error()
    {
        CudaTestEnvironment.RequireEmulator();
        string path = TestMedia.Require("sample_with_srt.mkv");
        using CudaDevice device = CudaDevice.Open();
        using MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Device = device, RequireHardwareDecoding = true });

        var error = Assert.Throws<OvniException>(() => reader.ReadFrame());

        Assert.Contains("Hardware decoding", error.Message);
        Assert.Contains("libnvcuvid.so.1", error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Throws<OvniException>(() => reader.ReadFrame()); // stays refused, never silently uploads
    }

    [Fact]
    public async Task A_cuda_configuration_decodes_to_the_device_and_transcodes_through_a_software_encoder()
    {
        CudaTestEnvironment.RequireEmulator();
        string path = TestMedia.Require("sample_with_srt.mkv");
        var configuration = new OvniConfiguration { Device = DeviceKind.Cuda };
        using (MediaReader reader = MediaReader.Open(path, new MediaReaderOptions { Configuration = configuration }))
        {
            using GpuFrame? frame = reader.ReadFrame();
            Assert.NotNull(frame);
            Assert.Equal(DeviceKind.Cuda, frame.Device.Kind);
            Assert.Same(ComputeDevice.Select(configuration), frame.Device);
        }

        string output = Path.Combine(Path.GetTempPath(), $"ovni-cuda-config-{Guid.NewGuid():N}.mkv");
        try
        {
            TranscodeResult result = await Transcoder.TranscodeAsync(path, output, new VideoEncoderOptions { Preset = "ultrafast" },
                new MediaWriterOptions { Configuration = configuration }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Frames > 0);
            using MediaReader written = MediaReader.Open(output);
            long frames = 0;
            while (written.ReadFrame() is GpuFrame frame)
            {
                frame.Dispose();
                frames++;
            }
            Assert.Equal(result.Frames, frames);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
