package io.gexflow.report;

import io.gexflow.io.InputException;
import io.gexflow.io.TsvReader;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A per-gene MAE table: TSV with header {@code gene<TAB>symbol<TAB>ensembl<TAB>mae} (as EVALUATE writes it)
 * or {@code gene<TAB>mae} (older files), one row per target gene; symbols and Ensembl ids are optional
 * labels, empty when unknown.
 *
 * @param file where it was read from
 * @param genes gene ids in file order (unique)
 * @param mae MAE of each gene, same order
 */
public record PerGeneMae(Path file, List<String> genes, double[] mae, List<String> symbols, List<String> ensembl) {
    private static final String HEADER = "gene\tsymbol\tensembl\tmae";
    private static final String OLD_HEADER = "gene\tmae";

    public PerGeneMae(Path file, List<String> genes, double[] mae) {
        this(file, genes, mae, java.util.Collections.nCopies(genes.size(), ""), java.util.Collections.nCopies(genes.size(), ""));
    }


    /** Reads and validates a per-gene MAE TSV; problems are {@link InputException}s naming the file. */
    public static PerGeneMae read(Path file) {
        List<String> genes = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        List<String> ensembl = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        if (!Files.exists(file)) {
            throw new InputException(file, "no such file");
        }
        try (TsvReader in = TsvReader.open(file, true)) {
            String[] first = in.next();
            if (first == null) {
                throw new InputException(file, "empty file (expected header 'gene<TAB>symbol<TAB>ensembl<TAB>mae')");
            }
            String header = TsvReader.text(first);
            boolean labelled = header.equals(HEADER);
            if (!labelled && !header.equals(OLD_HEADER)) {
                throw new InputException(file, "expected header 'gene<TAB>symbol<TAB>ensembl<TAB>mae' (or 'gene<TAB>mae'), found '"
                        + oneLine(header) + "'");
            }
            int width = labelled ? 4 : 2;
            String[] f;
            while ((f = in.next()) != null) {
                long lineNo = in.line();
                if (f.length == 1 && f[0].isEmpty()) {
                    continue;
                }
                if (f.length != width) {
                    throw new InputException(file, "line " + lineNo + ": expected " + width + " tab-separated fields, found " + f.length);
                }
                String maeText = f[width - 1];
                double v;
                try {
                    v = Double.parseDouble(maeText.trim());
                } catch (NumberFormatException e) {
                    throw new InputException(file, "line " + lineNo + ": MAE '" + oneLine(maeText) + "' is not a number");
                }
                if (!Double.isFinite(v) || v < 0) {
                    throw new InputException(file, "line " + lineNo + ": MAE must be finite and >= 0, found " + maeText);
                }
                symbols.add(labelled ? f[1] : "");
                ensembl.add(labelled ? f[2] : "");
                Integer prev = seen.putIfAbsent(f[0], (int) lineNo);
                if (prev != null) {
                    throw new InputException(file, "line " + lineNo + ": gene '" + oneLine(f[0]) + "' repeats line " + prev);
                }
                genes.add(f[0]);
                values.add(v);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such file");
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e, e);
        }
        if (genes.isEmpty()) {
            throw new InputException(file, "no genes after the header");
        }
        double[] mae = new double[values.size()];
        for (int i = 0; i < mae.length; i++) {
            mae[i] = values.get(i);
        }
        return new PerGeneMae(file, List.copyOf(genes), mae, List.copyOf(symbols), List.copyOf(ensembl));
    }

    public int size() {
        return genes.size();
    }

    /** Mean of the per-gene MAEs. */
    public double mean() {
        double s = 0;
        for (double v : mae) {
            s += v;
        }
        return s / mae.length;
    }

    /**
     * The values of {@code other} in this table's gene order. Fails with an {@link InputException} on
     * {@code other}'s file when the two tables do not hold the same set of genes.
     */
    public double[] alignedValuesOf(PerGeneMae other) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < other.genes.size(); i++) {
            index.put(other.genes.get(i), i);
        }
        List<String> onlyHere = new ArrayList<>();
        double[] out = new double[genes.size()];
        for (int i = 0; i < genes.size(); i++) {
            Integer j = index.get(genes.get(i));
            if (j == null) {
                onlyHere.add(genes.get(i));
            } else {
                out[i] = other.mae[j];
            }
        }
        int common = genes.size() - onlyHere.size();
        if (!onlyHere.isEmpty() || common != other.genes.size()) {
            Set<String> mine = new HashSet<>(genes);
            List<String> onlyThere = other.genes.stream().filter(g -> !mine.contains(g)).toList();
            throw new InputException(
                    other.file,
                    "gene set differs from " + file + ": " + onlyThere.size() + " gene(s) only in this file"
                            + examples(onlyThere) + ", " + onlyHere.size() + " only in the other" + examples(onlyHere));
        }
        return out;
    }

    private static String examples(List<String> genes) {
        if (genes.isEmpty()) {
            return "";
        }
        List<String> head = genes.subList(0, Math.min(3, genes.size()));
        return " (e.g. " + oneLine(String.join(", ", head)) + ")";
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
