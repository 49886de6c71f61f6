package io.gexflow.data.perturb;

import io.gexflow.io.InputException;
import io.gexflow.io.TsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list of names that prepare-perturb filters with (target genes, measured genes), read from a text file
 * in one of two shapes: one name a line, or a tab-separated table whose header names a {@code treatment} column
 * and, optionally, a {@code group} column (Replogle's perturbation clusters: which pathway each target belongs
 * to). Lines starting with {@code #} are comments (a file says where its names come from), blank lines are
 * skipped, names are trimmed. The names keep the file's order, each once.
 */
public final class NameTable {
    private final Set<String> names;
    private final Map<String, Set<String>> groups;

    private NameTable(Set<String> names, Map<String, Set<String>> groups) {
        this.names = Collections.unmodifiableSet(names);
        this.groups = Collections.unmodifiableMap(groups);
    }

    /** Every name in the file. */
    public Set<String> names() {
        return names;
    }

    /** The names of each group, in the file's order of groups (empty for a plain list). */
    public Map<String, Set<String>> groups() {
        return groups;
    }

    /** The names of one group; an unknown group is an error naming the file and the groups it has. */
    public Set<String> group(Path file, String group) {
        Set<String> g = groups.get(group);
        if (g == null) {
            throw new InputException(file, groups.isEmpty() ? "has no group column (a header line 'group<TAB>treatment'), so no group '"
                    + group + "'" : "has no group '" + group + "' (groups: " + String.join(", ", groups.keySet()) + ")");
        }
        return g;
    }

    /**
     * Reads a plain list (the first non-comment line has no tab) or a table with a header line holding
     * {@code treatment} (and optionally {@code group}).
     */
    public static NameTable read(Path file) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        try (TsvReader r = TsvReader.open(file, true)) {
            int nameAt = -1;
            int groupAt = -1;
            boolean first = true;
            for (String[] f; (f = r.next()) != null; ) {
                if (TsvReader.isBlank(f) || f[0].startsWith("#")) {
                    continue;
                }
                if (first) {
                    first = false;
                    if (f.length > 1) {
                        List<String> header = new ArrayList<>();
                        for (String h : f) {
                            header.add(h.trim());
                        }
                        nameAt = header.indexOf("treatment");
                        groupAt = header.indexOf("group");
                        if (nameAt < 0) {
                            throw new InputException(file, "line " + r.line() + ": a table needs a header line with a "
                                    + "'treatment' column (and optionally 'group'), got: " + TsvReader.text(f));
                        }
                        continue;
                    }
                    nameAt = 0;
                }
                int need = Math.max(nameAt, groupAt) + 1;
                if (f.length < need) {
                    throw new InputException(file, "line " + r.line() + ": " + f.length + " field(s), the header has " + need);
                }
                String name = f[nameAt].trim();
                if (name.isEmpty()) {
                    throw new InputException(file, "line " + r.line() + ": empty name");
                }
                names.add(name);
                if (groupAt >= 0) {
                    String group = f[groupAt].trim();
                    if (group.isEmpty()) {
                        throw new InputException(file, "line " + r.line() + ": empty group");
                    }
                    groups.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(name);
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (names.isEmpty()) {
            throw new InputException(file, "lists no names");
        }
        groups.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return new NameTable(names, groups);
    }
}
