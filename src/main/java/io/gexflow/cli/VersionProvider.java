package io.gexflow.cli;

import io.gexflow.provenance.Provenance;
import picocli.CommandLine;

/** {@code --version}: the tool version that provenance records ({@link Provenance#toolVersion()}). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        return Provenance.toolVersion();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gexflow " + version()};
    }
}
