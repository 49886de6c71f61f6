package io.gexflow.cli;

import io.gexflow.data.MnistPreparer;
import io.gexflow.data.PreparedData;
import io.gexflow.provenance.Provenance;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** MNIST IDX files -> train.arrow / test.arrow / classes.tsv for the S-VQ-VAE track. */
@Command(name = "prepare-mnist", mixinStandardHelpOptions = true,
        description = {
            "Turn MNIST IDX files (gzipped or plain, told by content) into the S-VQ-VAE inputs: train.arrow and test.arrow"
                    + " (x = 784 pixels, row-major 28x28, scaled from 0..255 to [-1, 1]; obs column label = \"0\".."
                    + "\"9\"), classes.tsv (class, n_train, n_test) and summary.json.",
            "Either the four files of the real download (--train-images/--train-labels/--test-images/--test-labels:"
                    + " 60,000 / 10,000), or one labelled pool (--images/--labels) split per digit with --split-fraction"
                    + " and --seed: floor((1 - f) n) of each digit train, the rest test (the bundled npm subset:"
                    + " 7,996 / 2,004 at 0.2)."})
public final class PrepareMnistCommand extends Verb {
    @Option(names = {"--train-images", "--images"}, required = true,
            description = "IDX images (magic 2051): the training images, or the whole pool with --split-fraction.")
    Path trainImages;

    @Option(names = {"--train-labels", "--labels"}, required = true,
            description = "IDX labels (magic 2049) of --train-images / --images.")
    Path trainLabels;

    @Option(names = "--test-images", description = "IDX test images (not with --split-fraction).")
    Path testImages;

    @Option(names = "--test-labels", description = "IDX test labels (not with --split-fraction).")
    Path testLabels;

    @Option(names = "--split-fraction",
            description = "Split the one given images/labels pair: this fraction of each digit to test (e.g. 0.2).")
    Double splitFraction;

    @Mixin CommonOptions.Seed seed;

    @Mixin CommonOptions.OutDir outDir;

    /** The output directory appears only complete ({@link StagedDirectory}): a refused split leaves nothing. */
    @Override
    public Integer call() {
        return StagedDirectory.write(outDir.value, this::prepare);
    }

    private Integer prepare(Path staging) {
        Path outDir = staging;
        boolean pool = splitFraction != null;
        if (pool && (testImages != null || testLabels != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--split-fraction splits one images/labels pair: give no --test-images/--test-labels with it");
        }
        if (!pool && (testImages == null || testLabels == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give --test-images and --test-labels, or --split-fraction to split one images/labels pair");
        }
        if (pool && !(splitFraction > 0 && splitFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--split-fraction must be in (0, 1): " + splitFraction);
        }
        Provenance prov = pool ? provenance(seed.value, trainImages, trainLabels)
                : provenance(null, trainImages, trainLabels, testImages, testLabels);
        Map<String, String> meta = metadata(prov);
        MnistPreparer.Counts c = pool
                ? MnistPreparer.fromPool(trainImages, trainLabels, splitFraction, seed.value, outDir, meta)
                : MnistPreparer.fromFiles(trainImages, trainLabels, testImages, testLabels, outDir, meta);
        System.err.printf("prepare-mnist: %d train / %d test images (%s) -> %s; per digit train %s test %s%n",
                c.trainTotal(), c.testTotal(), pool ? "per-digit split " + splitFraction + ", seed " + seed.value : "files",
                this.outDir, Arrays.toString(c.train()), Arrays.toString(c.test()));
        return 0;
    }
}
