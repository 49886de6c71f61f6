package io.gexflow.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A D-GEX gene map ({@code map_lm.txt}, {@code map_tg.txt}): one gene per line,
 * {@code symbol<TAB>ENSG<TAB>probe1,probe2,...}. A gene's value is the mean of its probes.
 */
public record GeneMap(List<Gene> genes) {
    public record Gene(String symbol, String ensembl, List<String> probes) {}

    public List<String> symbols() {
        return genes.stream().map(Gene::symbol).toList();
    }

    public static GeneMap read(Path file) {
        List<Gene> genes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3 || f[0].isBlank() || f[2].isBlank()) {
                    throw new InputException(file, "line " + n + ": expected symbol<TAB>ensembl<TAB>probe1,probe2,... but got "
                            + f.length + " field(s)");
                }
                if (!seen.add(f[0])) {
                    throw new InputException(file, "line " + n + ": gene " + f[0] + " appears twice");
                }
                List<String> probes = List.of(f[2].split(","));
                if (probes.stream().anyMatch(String::isBlank)) {
                    throw new InputException(file, "line " + n + ": empty probe id in '" + f[2] + "'");
                }
                genes.add(new Gene(f[0], f[1], probes));
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
