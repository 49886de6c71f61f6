package io.gexflow.family;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where a training verb computes: {@code --device auto|cpu|gpu}. {@code auto} takes the first GPU the
 * engine sees and the CPU otherwise; {@code gpu} with no GPU visible is refused with a message that says
 * why (the CPU natives are in the jar; CUDA natives come with the {@code cuda} Maven profile and a GPU
 * driver), never silently run on the CPU.
 */
public enum ComputeDevice {
    AUTO, CPU, GPU;

    /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
    public static ComputeDevice parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device must be auto, cpu or gpu, got '" + s + "'");
        }
    }

    /** The device this choice means on the engine of this process. */
    public Device resolve() {
        return resolve(Engine.getInstance().getGpuCount());
    }

    /** The device this choice means where {@code gpus} GPUs are visible. */
    public Device resolve(int gpus) {
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpus < 1) {
                    throw new IllegalArgumentException("--device gpu: the PyTorch engine sees no GPU (the jar has CPU "
                            + "natives unless built with -Pcuda, and a CUDA driver must be visible); use --device cpu or auto");
                }
                yield Device.gpu(0);
            }
        };
    }

    /** How the device is written into the log and {@code model.json}: {@code cpu} or {@code gpu:0}. */
    public static String label(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }
}
