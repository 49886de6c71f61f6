package io.gexflow.io.gct;

/**
 * Touch-point before any jHDF class is used by this package.
 *
 * <p>jHDF logs every dataset read and write at INFO ("Getting data for ...", "Writing data for
 * ..."); with slf4j-simple's default level that would flood the CLI's stderr. Unless the user has
 * set a level for it, we lower jHDF's loggers to WARN (and its writer's "alpha" notice to ERROR). slf4j-simple reads per-logger levels from
 * system properties when each logger is created, so this must run before jHDF's classes load.
 */
final class JhdfSupport {

    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.io.jhdf";
    /** Warns "Writing files is in alpha" on every write; our round-trip tests cover what we write. */
    private static final String WRITER_LEVEL_PROPERTY = LEVEL_PROPERTY + ".WritableHdfFile";

    static {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "warn");
            if (System.getProperty(WRITER_LEVEL_PROPERTY) == null) {
                System.setProperty(WRITER_LEVEL_PROPERTY, "error");
            }
        }
    }

    private JhdfSupport() {
    }

    /** Runs the static initializer (idempotent). */
    static void init() {
        // class initialisation does the work
    }
}
