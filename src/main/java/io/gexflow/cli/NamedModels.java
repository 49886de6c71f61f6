package io.gexflow.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --model name=directory} options of the evaluate verbs, in the order given. A name names
 * the result files, so it is checked: letters, digits, '_', '.', '-' only, and each name once (a
 * repeated name would put one model's results under another's).
 */
final class NamedModels {
    private NamedModels() {}

    static Map<String, Path> parse(CommandSpec spec, List<String> options) {
        Map<String, Path> models = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--model '" + option + "': expected name=model-directory");
            }
            String name = option.substring(0, eq);
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ParameterException(spec.commandLine(), "--model name '" + name
                        + "': letters, digits, '_', '.', '-' only (it names files)");
            }
            if (models.put(name, Path.of(option.substring(eq + 1))) != null) {
                throw new ParameterException(spec.commandLine(), "--model name '" + name + "' is given twice");
            }
        }
        return models;
    }
}
