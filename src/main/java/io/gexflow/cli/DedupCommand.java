package io.gexflow.cli;

import io.gexflow.data.dedup.ArrowRows;
import io.gexflow.data.dedup.ClusterDeduplicator;
import io.gexflow.data.dedup.MiniBatchKMeans;
import io.gexflow.data.dedup.RowSource;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.provenance.Provenance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The D-GEX de-duplication of GEO (spec dgex.md, preprocessing step 1; reference kmeans.py and
 * nodup_idx.py): mini-batch k-means over all samples, then inside each cluster a sample is dropped
 * when an earlier sample of its cluster lies closer than the threshold. Distances are taken on the
 * values as given (the reference used the raw quantile-normalised bgedv2 matrix, before its own
 * normalisation), so this step runs on the converted matrix, before split and normalize.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
        description = {
            "Drop near-duplicate samples as D-GEX did for GEO: mini-batch k-means (Sculley 2010, as scikit-learn's"
                    + " MiniBatchKMeans) over all samples, then inside each cluster drop sample j when the Euclidean"
                    + " distance to some earlier sample i (input order, kept or not, as the reference) is below"
                    + " --threshold. Writes the kept rows in input order and a TSV"
                    + " id<TAB>cluster<TAB>kept<TAB>duplicate_of for every sample (duplicate_of: the earliest earlier"
                    + " sample of the cluster within the threshold).",
            "Memory: at most --memory-mb of rows are held at a time. When the whole distance matrix fits, it is read"
                    + " once and kept; otherwise k-means reads as many upcoming mini-batches per pass as fit, and the"
                    + " within-cluster pass holds clusters in groups that fit (a larger cluster in pieces, with one"
                    + " more pass each), reading the file once per group. The heap needs about --memory-mb + 150 MB"
                    + " + 200 bytes per sample."
        })
public final class DedupCommand extends Verb {
    @Option(names = "--input", required = true, description = "Matrix file (.arrow) from convert; its rows are written out.")
    Path input;

    @Option(names = "--distance-input", description = "Matrix file (.arrow) with the same samples in the same order"
            + " whose features define the distances (the reference used all 22,268 probes); default: --input.")
    Path distanceInput;

    @Mixin CommonOptions.OutFile out;

    @Option(names = "--out-tsv", required = true, description = "Per-sample TSV: id, cluster, kept, duplicate_of.")
    Path outTsv;

    @Option(names = "--clusters", defaultValue = "100", description = "k-means clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--threshold", defaultValue = "1.0",
            description = "Euclidean distance below which a later sample is a duplicate (default ${DEFAULT-VALUE}).")
    double threshold;

    @Mixin CommonOptions.Seed seed;

    @Option(names = "--batch-size", defaultValue = "1000", description = "k-means mini-batch rows (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-iter", defaultValue = "10",
            description = "k-means passes' worth of mini-batches: max-iter x ceil(samples / batch-size) steps (default ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--n-init", defaultValue = "3", description = "k-means++ starts; the best on a validation sample is kept (default ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--max-no-improvement", defaultValue = "10",
            description = "Stop k-means after this many steps without a better smoothed inertia; 0: never (default ${DEFAULT-VALUE}).")
    int maxNoImprovement;

    @Option(names = "--memory-mb", defaultValue = "2048", description = "Memory for held rows, MiB (default ${DEFAULT-VALUE}).")
    long memoryMb;

    @Mixin CommonOptions.Threads threads;

    long memoryBytes() {
        return memoryMb * 1024L * 1024L;
    }

    @Override
    public Integer call() {
        if (clusters < 1 || batchSize < 1 || maxIter < 1 || nInit < 1 || maxNoImprovement < 0 || memoryMb < 0
                || threads.value < 0) {
            throw new ParameterException(spec.commandLine(), "--clusters, --batch-size, --max-iter, --n-init must be >= 1;"
                    + " --max-no-improvement, --memory-mb, --threads >= 0");
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be a finite number >= 0");
        }
        int nThreads = threads.value > 0 ? threads.value : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(nThreads);
        try {
            return run(pool);
        } finally {
            pool.shutdown();
        }
    }

    private int run(ForkJoinPool pool) {
        long t0 = System.nanoTime();
        Path distFile = distanceInput != null ? distanceInput : input;
        ArrowRows.Indexed idx = ArrowRows.index(distFile, memoryBytes());
        List<String> ids = idx.ids();
        RowSource rows = idx.rows();
        int n = ids.size();
        if (n == 0) {
            throw new InputException(distFile, "no samples");
        }
        if (distanceInput != null) {
            checkSameSamples(ids);
        }
        long rowBytes = ArrowRows.heldBytesPerRow(rows.cols());
        long maxHeld = memoryBytes() / rowBytes;
        System.err.printf("dedup: %d samples x %d features%s; %s%n", n, rows.cols(),
                distanceInput != null ? " (distances from " + distFile.getFileName() + ")" : "",
                rows.inMemory() ? "all rows held in memory" : "streamed, at most " + maxHeld + " rows held");
        int k = clusters;
        if (k > n) {
            System.err.printf("dedup: warning: %d clusters asked for %d samples; using %d%n", k, n, n);
            k = n;
        }
        MiniBatchKMeans.Settings settings =
                new MiniBatchKMeans.Settings(k, batchSize, maxIter, nInit, maxNoImprovement, 0.01, seed.value);
        long needRows = Math.max(MiniBatchKMeans.initRowsNeeded(n, settings), batchSize);
        if (!rows.inMemory() && maxHeld < needRows) {
            throw new ParameterException(spec.commandLine(), "--memory-mb " + memoryMb + " holds " + maxHeld
                    + " rows; k-means seeding needs " + needRows + " rows (2 x 3 x batch-size): give at least "
                    + (needRows * rowBytes + (1 << 20) - 1) / (1 << 20) + " MiB");
        }
        MiniBatchKMeans.Model model = MiniBatchKMeans.fit(rows, settings, maxHeld, pool, System.err);
        double[] inertia = new double[1];
        int[] labels = MiniBatchKMeans.predict(rows, model.centers(), pool, inertia);
        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        System.err.printf("dedup: %d clusters, sizes min %d / median %d / max %d, inertia %.6g%n", k, sorted[0],
                sorted[k / 2], sorted[k - 1], inertia[0]);
        int[] dupOf = ClusterDeduplicator.run(rows, labels, k, threshold, maxHeld, pool, System.err);
        int dropped = (int) Arrays.stream(dupOf).filter(d -> d >= 0).count();
        // the indexing pass (counted by a streaming source), the id check, the writing pass
        int passes = Math.max(1, rows.passes()) + (distanceInput != null ? 1 : 0) + 1;

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", n);
        summary.put("kept", n - dropped);
        summary.put("dropped", dropped);
        summary.put("clusters", k);
        summary.put("threshold", threshold);
        summary.put("distance_features", rows.cols());
        summary.put("distance_input", distFile.getFileName().toString());
        summary.put("kmeans_steps", model.steps());
        summary.put("kmeans_planned_steps", model.plannedSteps());
        summary.put("kmeans_early_stopped", model.earlyStopped());
        summary.put("kmeans_inertia", inertia[0]);
        summary.put("rule", "drop j if ||x_j - x_i|| < threshold for an earlier i of its cluster (uci-cbcl/D-GEX nodup_idx.py)");
        Provenance prov = provenance(seed.value, distanceInput != null ? new Path[] {input, distanceInput} : new Path[] {input});
        // both outputs or neither: the TSV is renamed into place only after the matrix is
        try (AtomicFile tsv = new AtomicFile(outTsv)) {
            writeTsv(tsv.temp(), ids, labels, dupOf);
            writeMatrix(dupOf, n, prov, summary);
            tsv.commit();
        }
        System.err.printf("dedup: %d samples -> %d kept, %d dropped as duplicates (threshold %s, %d clusters);"
                + " %d passes over the input, %.1f s%n", n, n - dropped, dropped, threshold, k, passes,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private void checkSameSamples(List<String> ids) {
        int r = 0;
        try (ArrowMatrixReader reader = new ArrowMatrixReader(input)) {
            while (reader.nextBatch()) {
                for (int i = 0; i < reader.batchRows(); i++, r++) {
                    if (r >= ids.size() || !reader.id(i).equals(ids.get(r))) {
                        throw new InputException(input, "row " + (r + 1) + " is sample " + reader.id(i) + " but "
                                + distanceInput.getFileName() + " has " + (r < ids.size() ? ids.get(r) : "no row there")
                                + ": both files must list the same samples in the same order");
                    }
                }
            }
        }
        if (r != ids.size()) {
            throw new InputException(input, r + " samples but " + distanceInput.getFileName() + " has " + ids.size());
        }
    }

    private void writeMatrix(int[] dupOf, int n, Provenance prov, Map<String, Object> summary) {
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            Map<String, String> meta = new LinkedHashMap<>(r.metadata());
            meta.putAll(metadata(prov));
            meta.put(META_DEDUP, Json.compact(summary));
            List<ObsColumn> obs = r.obsColumns();
            ArrowMatrixWriter w = new ArrowMatrixWriter(out.value, r.features(), obs, meta);
            try {
                int nf = r.featureCount();
                int row = 0;
                while (r.nextBatch()) {
                    float[] x = r.batchX();
                    for (int i = 0; i < r.batchRows(); i++, row++) {
                        if (row < n && dupOf[row] < 0) {
                            List<Object> values = new ArrayList<>(obs.size());
                            for (ObsColumn c : obs) {
                                values.add(r.obs(c.name(), i));
                            }
                            w.write(r.id(i), values, x, i * nf);
                        }
                    }
                }
                if (row != n) {
                    throw new InputException(input, "has " + row + " samples, expected " + n);
                }
                w.close();
            } catch (RuntimeException e) {
                w.abort();
                throw e;
            }
        }
    }

    private void writeTsv(Path file, List<String> ids, int[] labels, int[] dupOf) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id\tcluster\tkept\tduplicate_of\n");
            for (int r = 0; r < ids.size(); r++) {
                w.write(ids.get(r));
                w.write('\t');
                w.write(Integer.toString(labels[r]));
                w.write(dupOf[r] < 0 ? "\ttrue\t\n" : "\tfalse\t" + ids.get(dupOf[r]) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outTsv, e);
        }
    }

    /** Schema metadata key of the de-duplication summary (JSON). */
    public static final String META_DEDUP = "gexflow.dedup";
}
