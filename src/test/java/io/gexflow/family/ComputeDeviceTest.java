package io.gexflow.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** {@code --device auto|cpu|gpu}: what each means with and without a visible GPU. */
class ComputeDeviceTest {
    @Test
    void autoTakesTheFirstGpuWhenThereIsOneAndTheCpuOtherwise() {
        assertEquals(Device.cpu(), ComputeDevice.AUTO.resolve(0));
        assertEquals(Device.gpu(0), ComputeDevice.AUTO.resolve(2));
    }

    @Test
    void cpuIsTheCpuEvenWithGpus() {
        assertEquals(Device.cpu(), ComputeDevice.CPU.resolve(4));
    }

    @Test
    void gpuWithoutOneIsRefusedSayingWhy() {
        assertEquals(Device.gpu(0), ComputeDevice.GPU.resolve(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.GPU.resolve(0));
        assertTrue(e.getMessage().startsWith("--device gpu: the PyTorch engine sees no GPU"), e.getMessage());
    }

    @Test
    void parsesAnyCaseAndRefusesOtherWords() {
        assertEquals(ComputeDevice.GPU, ComputeDevice.parse("GPU"));
        assertEquals(ComputeDevice.AUTO, ComputeDevice.parse(" auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("tpu"));
        assertEquals("--device must be auto, cpu or gpu, got 'tpu'", e.getMessage());
    }

    @Test
    void labelsAreShort() {
        assertEquals("cpu", ComputeDevice.label(Device.cpu()));
        assertEquals("gpu:1", ComputeDevice.label(Device.gpu(1)));
    }
}
