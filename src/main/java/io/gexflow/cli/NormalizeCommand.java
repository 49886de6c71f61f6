package io.gexflow.cli;

import io.gexflow.data.GeneStandardizer;
import io.gexflow.data.QuantileNormalizer;
import io.gexflow.data.RankFile;
import io.gexflow.data.SplitAssigner;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.io.TsvReader;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Quantile-normalises every sample onto the training samples' mean quantiles, then standardises
 * every gene with training-split statistics, and writes one file per split. Streaming passes over the
 * input: with quantile normalisation, two (the reference, then the output) and one over the training
 * samples' rank indices in a scratch file between them ({@link RankFile}, 2 bytes a value, deleted at
 * the end); without, two. Memory is O(features) plus one record batch.
 */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Quantile normalisation + per-gene standardisation (statistics from the training split).")
public final class NormalizeCommand extends Verb {
    @Option(names = "--input", required = true, description = "Matrix file (.arrow) from convert.")
    Path input;

    @Option(names = "--split", required = true, description = "id<TAB>split TSV from the split step.")
    Path splitFile;

    @Mixin CommonOptions.OutDir outDir;

    @Option(names = "--quantile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Quantile-normalise before standardising (default ${DEFAULT-VALUE}).")
    boolean quantile;

    @Override
    public Integer call() {
        // the three splits and normalization.json appear together, or none of them
        return StagedDirectory.write(outDir.value, this::normalize);
    }

    /** Writes into {@code outDir}, the staging directory that takes the --out-dir option's place at the end. */
    private int normalize(Path outDir) {
        // the inputs' SHA-256 for the provenance, on another thread while the passes below read the matrix
        CompletableFuture<Provenance> provenance = provenanceMeanwhile(null, input, splitFile);
        Map<String, String> split = readSplit(splitFile);
        int nf;
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            nf = r.featureCount();
        }
        // with quantile normalisation, the training samples' rank indices go to a scratch file in the first pass and
        // are read back by the later ones, so that each sample is sorted once (the sorts were most of the time)
        RankFile ranks = quantile && nf <= RankFile.MAX_FEATURES ? new RankFile(outDir.resolve(".train-ranks.tmp"), nf) : null;
        try {
            return normalize(outDir, split, nf, ranks, provenance);
        } finally {
            if (ranks != null) {
                ranks.close();
            }
        }
    }

    private int normalize(Path outDir, Map<String, String> split, int nf, RankFile ranks,
            CompletableFuture<Provenance> provenance) {
        double[] reference = null;
        GeneStandardizer stats = new GeneStandardizer(nf);
        Set<String> seen = new HashSet<>();
        if (quantile) {
            // pass 1: the reference quantiles (and the training samples' rank indices)
            QuantileNormalizer qn = new QuantileNormalizer(nf);
            try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
                forEachBatch(r, split, true, (ids, splits, x, offsets) -> {
                    seen.addAll(List.of(ids));
                    qn.accumulate(x, trainingOffsets(splits, offsets), ranks);
                });
            }
            checkSplit(seen, split, qn.samples());
            reference = qn.reference();
        }
        double[] ref = reference;
        // pass 2: the per-gene statistics of the (normalised) training samples
        if (ranks != null) {
            float[] row = new float[nf];
            int[] rank = new int[nf];
            for (long t = 0; t < ranks.rows(); t++) {
                ranks.next(rank);
                QuantileNormalizer.apply(ref, rank, row, 0);
                stats.accumulate(row, 0);
            }
            ranks.rewind();
        } else {
            try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
                forEachBatch(r, split, !quantile, (ids, splits, x, offsets) -> {
                    seen.addAll(List.of(ids));
                    int[] train = trainingOffsets(splits, offsets);
                    if (ref != null) {
                        QuantileNormalizer.apply(ref, x, train);
                    }
                    for (int off : train) {
                        stats.accumulate(x, off);
                    }
                });
            }
            checkSplit(seen, split, stats.count());
        }
        double[] means = stats.means();
        double[] stds = stats.stds();
        Provenance prov = joined(provenance);
        Map<String, ArrowMatrixWriter> writers = new LinkedHashMap<>();
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            Map<String, String> meta = new LinkedHashMap<>(r.metadata());
            meta.putAll(metadata(prov));
            for (String s : List.of(SplitAssigner.TRAIN, SplitAssigner.VALID, SplitAssigner.TEST)) {
                writers.put(s, new ArrowMatrixWriter(outDir.resolve(s + ".arrow"), r.features(), List.<ObsColumn>of(), meta));
            }
            forEachBatch(r, split, false, (ids, splits, x, offsets) -> {
                if (ranks != null) {
                    // training samples from their rank indices (in file order, as written), the others sorted here
                    int[] rank = new int[nf];
                    for (int i = 0; i < ids.length; i++) {
                        if (splits[i].equals(SplitAssigner.TRAIN)) {
                            ranks.next(rank);
                            QuantileNormalizer.apply(ref, rank, x, offsets[i]);
                        }
                    }
                    QuantileNormalizer.apply(ref, x, IntStream.range(0, ids.length)
                            .filter(i -> !splits[i].equals(SplitAssigner.TRAIN)).map(i -> offsets[i]).toArray());
                } else if (ref != null) {
                    QuantileNormalizer.apply(ref, x, offsets);
                }
                for (int i = 0; i < ids.length; i++) {
                    GeneStandardizer.apply(means, stds, x, offsets[i]);
                    writers.get(splits[i]).write(ids[i], List.of(), x, offsets[i]);
                }
            });
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("statistics_from", SplitAssigner.TRAIN);
            report.put("training_samples", stats.count());
            report.put("quantile_normalised", quantile);
            report.put("std_epsilon", GeneStandardizer.EPSILON);
            report.put("features", r.features());
            report.put("quantile_reference", ref);
            report.put("means", means);
            report.put("stds", stds);
            report.put("provenance", prov);
            Map<String, Long> counts = new LinkedHashMap<>();
            writers.forEach((s, w) -> counts.put(s, w.rowsWritten()));
            report.put("samples", counts);
            for (ArrowMatrixWriter w : writers.values()) {
                w.close();
            }
            Json.writeFile(outDir.resolve("normalization.json"), report);
            System.err.printf("normalised %s: %s (quantile=%b, statistics from %d training samples)%n",
                    input.getFileName(), counts, quantile, stats.count());
        } catch (RuntimeException e) {
            writers.values().forEach(ArrowMatrixWriter::abort);
            throw e;
        }
        return 0;
    }

    /** Every id of the split is a sample of the input, and at least 2 samples train (for the standard deviations). */
    private void checkSplit(Set<String> seen, Map<String, String> split, long trainingSamples) {
        if (seen.size() < split.size()) {
            String unknown = split.keySet().stream().filter(id -> !seen.contains(id)).sorted().findFirst().orElseThrow();
            throw new InputException(splitFile, (split.size() - seen.size()) + " id(s) are no sample of "
                    + input.getFileName() + ", e.g. '" + unknown + "': the split belongs to other data");
        }
        if (trainingSamples < 2) {
            throw new InputException(splitFile, trainingSamples + " training sample(s): the per-gene standard deviations "
                    + "need at least 2");
        }
    }

    /** One record batch: its sample ids, their splits, the values, and where each sample starts in them. */
    interface BatchVisitor {
        void visit(String[] ids, String[] splits, float[] x, int[] offsets);
    }

    /**
     * Every record batch, after checking that each sample has a split and, with {@code checkValues} (the first
     * pass over the file; the later passes read the same values), only finite values.
     */
    private void forEachBatch(ArrowMatrixReader r, Map<String, String> split, boolean checkValues, BatchVisitor v) {
        int nf = r.featureCount();
        while (r.nextBatch()) {
            float[] x = r.batchX();
            int rows = r.batchRows();
            String[] ids = new String[rows];
            String[] splits = new String[rows];
            int[] offsets = new int[rows];
            for (int i = 0; i < rows; i++) {
                String id = r.id(i);
                String s = split.get(id);
                if (s == null) {
                    throw new InputException(splitFile, "sample " + id + " of " + input.getFileName() + " has no split");
                }
                for (int j = 0; checkValues && j < nf; j++) {
                    if (!Float.isFinite(x[i * nf + j])) {
                        throw new InputException(input, "sample " + id + ", feature " + r.features().get(j)
                                + " is not a finite number (" + x[i * nf + j] + ")");
                    }
                }
                ids[i] = id;
                splits[i] = s;
                offsets[i] = i * nf;
            }
            v.visit(ids, splits, x, offsets);
        }
    }

    /** The offsets of the batch's training samples. */
    private static int[] trainingOffsets(String[] splits, int[] offsets) {
        return IntStream.range(0, splits.length).filter(i -> splits[i].equals(SplitAssigner.TRAIN))
                .map(i -> offsets[i]).toArray();
    }

    static Map<String, String> readSplit(Path file) {
        Map<String, String> split = new HashMap<>();
        try (TsvReader r = TsvReader.open(file, true)) {
            String[] header = r.next();
            if (header == null || !TsvReader.text(header).equals("id\tsplit")) {
                throw new InputException(file, "expected header 'id<TAB>split'");
            }
            for (String[] f; (f = r.next()) != null; ) {
                if (f.length != 2 || !List.of(SplitAssigner.TRAIN, SplitAssigner.VALID, SplitAssigner.TEST).contains(f[1])) {
                    throw new InputException(file, "line " + r.line() + ": expected id<TAB>train|valid|test");
                }
                if (split.put(f[0], f[1]) != null) {
                    throw new InputException(file, "line " + r.line() + ": id " + f[0] + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")");
        }
        return split;
    }
}
