package io.gexflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The git commit in provenance: from the build's git.properties, marked when the tree was dirty, absent outside git. */
class ProvenanceCommitTest {
    @Test
    void theLabelIsTheHashWithDirtyMarked() {
        assertEquals("abc123", Provenance.commitLabel("abc123", "false"));
        assertEquals("abc123-dirty", Provenance.commitLabel(" abc123 ", "true"));
        assertNull(Provenance.commitLabel(null, "true"), "a build outside git records none");
        assertNull(Provenance.commitLabel("", null));
    }

    /** This build ran in the project's git checkout (as CI's fresh clone does): the commit is a 40-hex hash. */
    @Test
    void thisBuildRecordsItsCommit() throws Exception {
        String c = Provenance.buildCommit();
        assertTrue(c != null && c.matches("[0-9a-f]{40}(-dirty)?"), "commit: " + c);
        Provenance p = Provenance.of("verb", List.of("--x", "1"), 3L, List.of());
        assertEquals(c, new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(p)).get("commit").asText());
    }
}
