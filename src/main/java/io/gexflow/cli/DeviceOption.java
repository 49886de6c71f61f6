package io.gexflow.cli;

import ai.djl.Device;
import io.gexflow.family.ComputeDevice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --device auto|cpu|gpu}, shared by the training verbs. */
final class DeviceOption {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--device", defaultValue = "auto",
            description = "auto (the first GPU if the engine sees one, else the CPU), cpu or gpu (default ${DEFAULT-VALUE}).")
    String device;

    /** The device to train on; an unknown value or {@code gpu} without one is a usage error (exit 2). */
    Device resolve() {
        try {
            return ComputeDevice.parse(device).resolve();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
