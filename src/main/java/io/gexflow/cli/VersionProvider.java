package io.gexflow.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Maven fills Implementation-Version). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The tool version recorded in provenance. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gexflow " + version()};
    }
}
