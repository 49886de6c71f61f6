package io.gexflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.GeneStandardizer;
import io.gexflow.data.RnaSeqQuantileMapper;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * RNA-Seq (GTEx, 1000 Genomes) onto the GEO scale, as the reference code prepares them: each sample
 * is mapped onto the GEO quantile reference recorded by {@code normalize}, then every gene is
 * standardised with this data set's own statistics (the reference code standardises GTEx and 1000G
 * separately). Two streaming passes; memory O(features) plus one batch.
 */
@Command(name = "normalize-rnaseq", mixinStandardHelpOptions = true,
        description = "Map RNA-Seq samples onto the GEO quantiles (from normalization.json), then standardise per gene.")
public final class NormalizeRnaSeqCommand extends Verb {
    @Option(names = "--input", required = true, description = "RNA-Seq matrix (.arrow) from convert --match-by ensembl.")
    Path input;

    @Option(names = "--reference", required = true, description = "normalization.json of the GEO normalize step.")
    Path reference;

    @Mixin CommonOptions.OutFile out;

    @Override
    public Integer call() {
        JsonNode ref = Json.readObject(reference, "file not found");
        JsonNode q = ref.get("quantile_reference");
        if (q == null || !q.isArray()) {
            throw new InputException(reference, "has no quantile_reference (was GEO normalised with --quantile?)");
        }
        double[] quantile = new double[q.size()];
        for (int i = 0; i < quantile.length; i++) {
            quantile[i] = q.get(i).asDouble();
        }
        List<String> refFeatures = new ArrayList<>();
        ref.get("features").forEach(f -> refFeatures.add(f.asText()));
        GeneStandardizer stats;
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            if (!r.features().equals(refFeatures)) {
                throw new InputException(input, "genes differ from those of " + reference.getFileName()
                        + " (convert both with the same gene maps)");
            }
            stats = new GeneStandardizer(r.featureCount());
            while (r.nextBatch()) {
                float[] x = r.batchX();
                for (int i = 0; i < r.batchRows(); i++) {
                    RnaSeqQuantileMapper.apply(quantile, x, i * r.featureCount());
                    stats.accumulate(x, i * r.featureCount());
                }
            }
        }
        double[] means = stats.means();
        double[] stds = stats.stds();
        Provenance prov = provenance(null, input, reference);
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            Map<String, String> meta = new LinkedHashMap<>(r.metadata());
            meta.putAll(metadata(prov));
            ArrowMatrixWriter w = new ArrowMatrixWriter(out.value, r.features(), List.<ObsColumn>of(), meta);
            try {
                while (r.nextBatch()) {
                    float[] x = r.batchX();
                    for (int i = 0; i < r.batchRows(); i++) {
                        int off = i * r.featureCount();
                        RnaSeqQuantileMapper.apply(quantile, x, off);
                        GeneStandardizer.apply(means, stds, x, off);
                        w.write(r.id(i), List.of(), x, off);
                    }
                }
                w.close();
            } catch (RuntimeException e) {
                w.abort();
                throw e;
            }
        }
        System.err.printf("mapped %d RNA-Seq samples of %s onto the GEO quantiles and standardised them%n",
                stats.count(), input.getFileName());
        return 0;
    }
}
