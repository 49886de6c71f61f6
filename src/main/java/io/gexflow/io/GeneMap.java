package io.gexflow.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A D-GEX gene map ({@code map_lm.txt}, {@code map_tg.txt}): one gene per line,
 * {@code symbol<TAB>ENSG<TAB>probe1,probe2,...}. A gene's value is the mean of its probes.
 *
 * <p>Genes are keyed by their Ensembl id (column 2), as the reference code does: the published
 * maps repeat symbols ({@code IL9R} twice in {@code map_tg.txt}, with {@code ENSG00000124334} and
 * the pseudo-autosomal copy {@code ENSGR0000124334}), and 445 genes are both a landmark and a target
 * with different probes. The symbol is a label only. A feature id carries the role as well, see
 * {@link #featureId(Role, Gene)}, so one gene can be an input and an output of the same model.
 *
 * <p>Within one file: exactly three tab-separated fields, a non-empty Ensembl id and probe list, no
 * Ensembl id twice and no probe in two genes; a violation is an {@link InputException} naming file
 * and line.
 */
public record GeneMap(List<Gene> genes) {
    public record Gene(String symbol, String ensembl, List<String> probes) {
        /** The Ensembl id without a {@code .N} version suffix (as RNA-Seq tables write it). */
        public String unversioned() {
            return unversion(ensembl);
        }
    }

    /** What a gene is to the model: an input (landmark) or an output (target). */
    public enum Role {
        LANDMARK("lm"), TARGET("tg");

        private final String prefix;

        Role(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** The feature id of a gene in a role: {@code lm:ENSG...} or {@code tg:ENSG...}. */
    public static String featureId(Role role, Gene g) {
        return role.prefix() + ":" + g.ensembl();
    }

    /** The feature ids of every gene of this map in {@code role}, in file order. */
    public List<String> featureIds(Role role) {
        return genes.stream().map(g -> featureId(role, g)).toList();
    }

    /** Ensembl id of a feature id ({@code lm:ENSG1} -> {@code ENSG1}); an id without a role is returned as is. */
    public static String ensemblOf(String featureId) {
        for (Role r : Role.values()) {
            if (featureId.startsWith(r.prefix() + ":")) {
                return featureId.substring(r.prefix().length() + 1);
            }
        }
        return featureId;
    }

    /** An Ensembl id without its {@code .N} version suffix. */
    public static String unversion(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    public List<String> symbols() {
        return genes.stream().map(Gene::symbol).toList();
    }

    public static GeneMap read(Path file) {
        List<Gene> genes = new ArrayList<>();
        Map<String, Integer> idLine = new HashMap<>();
        Map<String, Integer> probeLine = new HashMap<>();
        try (TsvReader r = TsvReader.open(file, true)) {
            for (String[] f; (f = r.next()) != null; ) {
                int n = (int) r.line();
                if (TsvReader.isBlank(f)) {
                    continue;
                }
                if (f.length != 3) {
                    throw new InputException(file, "line " + n + ": expected 3 tab-separated fields symbol<TAB>ensembl<TAB>probe1,probe2,..."
                            + " but got " + f.length);
                }
                String symbol = f[0].strip();
                String ensembl = f[1].strip();
                if (ensembl.isEmpty()) {
                    throw new InputException(file, "line " + n + ": empty Ensembl id (column 2)");
                }
                if (f[2].isBlank()) {
                    throw new InputException(file, "line " + n + ": gene " + ensembl + " has an empty probe list");
                }
                Integer before = idLine.putIfAbsent(unversion(ensembl), n);
                if (before != null) {
                    throw new InputException(file, "line " + n + ": Ensembl id " + ensembl + " (" + symbol
                            + ") is already the gene of line " + before);
                }
                List<String> probes = new ArrayList<>();
                for (String p : f[2].split(",", -1)) {
                    String probe = p.strip();
                    if (probe.isEmpty()) {
                        throw new InputException(file, "line " + n + ": empty probe id in '" + f[2] + "'");
                    }
                    Integer other = probeLine.putIfAbsent(probe, n);
                    if (other != null) {
                        throw new InputException(file, "line " + n + ": probe " + probe + " of gene " + ensembl
                                + (other == n ? " is listed twice" : " is also a probe of the gene of line " + other));
                    }
                    probes.add(probe);
                }
                genes.add(new Gene(symbol, ensembl, List.copyOf(probes)));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file, "file not found");
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (genes.isEmpty()) {
            throw new InputException(file, "no genes");
        }
        return new GeneMap(List.copyOf(genes));
    }

    /** Writes the map in the same format (atomically). */
    public void write(Path file) {
        StringBuilder sb = new StringBuilder();
        for (Gene g : genes) {
            sb.append(g.symbol()).append('\t').append(g.ensembl()).append('\t').append(String.join(",", g.probes())).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }
}
