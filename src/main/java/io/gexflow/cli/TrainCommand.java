package io.gexflow.cli;

import io.gexflow.family.ModelFamily;
import io.gexflow.models.FamilyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Unmatched;

/**
 * {@code gexflow train --family NAME ...}: the one training verb, dispatched through the
 * {@link FamilyRegistry} to the family's own verb with the remaining options (so a generic Nextflow
 * {@code TRAIN} module needs only {@code meta.family}). The family verbs ({@code train-dgex},
 * {@code train-svqvae}, {@code train-lr}, {@code train-knn}, {@code train-samsvae}) stay, with the same options and files.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model of any registered family: the other options are the family verb's "
                + "(see gexflow train-<family> --help).",
            "Families: dgex (train-dgex), svqvae / vqvae (train-svqvae --model ...), lr (train-lr), knn (train-knn),",
            "samsvae / cpavae / cvae (train-samsvae --type ...), svae / svae+ / ivae / vae / beta-vae (train-svae --model ...)."})
public final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    /** The verb of each family, and options it implies (S-VQ-VAE's two variants are one verb). */
    static final Map<String, List<String>> VERBS = Map.ofEntries(
            Map.entry("dgex", List.of("train-dgex")),
            Map.entry("svqvae", List.of("train-svqvae", "--model", "svqvae")),
            Map.entry("vqvae", List.of("train-svqvae", "--model", "vqvae")),
            Map.entry("lr", List.of("train-lr")),
            Map.entry("knn", List.of("train-knn")),
            Map.entry("svae", List.of("train-svae", "--model", "svae")),
            Map.entry("svae+", List.of("train-svae", "--model", "svae+")),
            Map.entry("ivae", List.of("train-svae", "--model", "ivae")),
            Map.entry("vae", List.of("train-svae", "--model", "vae")),
            Map.entry("beta-vae", List.of("train-svae", "--model", "beta-vae")),
            Map.entry("samsvae", List.of("train-samsvae")),
            Map.entry("cpavae", List.of("train-samsvae", "--type", "cpavae")),
            Map.entry("cvae", List.of("train-samsvae", "--type", "cvae")));

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--family", required = true, description = "Model family (or S-VQ-VAE variant): ${COMPLETION-CANDIDATES}.",
            completionCandidates = Names.class)
    String family;

    @Unmatched
    List<String> rest = new ArrayList<>();

    /** The names --family accepts: every registered family and variant that has a verb. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(VERBS.keySet().stream().sorted().toList());
        }
    }

    /** The verb and leading arguments of a family or variant name, checked against the registry. */
    static List<String> verbOf(String name) {
        List<String> verb = VERBS.get(name);
        boolean registered = FamilyRegistry.byName(name).isPresent() || FamilyRegistry.byType(name).isPresent();
        if (verb == null || !registered) {
            String known = FamilyRegistry.families().stream().map(ModelFamily::name).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown family '" + name + "' (registered: " + known
                    + "; variants: vqvae, cpavae, cvae)");
        }
        return verb;
    }

    @Override
    public Integer call() {
        List<String> verb;
        try {
            verb = verbOf(family);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--family: " + e.getMessage());
        }
        CommandLine sub = spec.parent().subcommands().get(verb.get(0));
        List<String> args = new ArrayList<>(verb.subList(1, verb.size()));
        args.addAll(rest);
        return sub.execute(args.toArray(String[]::new));
    }
}
