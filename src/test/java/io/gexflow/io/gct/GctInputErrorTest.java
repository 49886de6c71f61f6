package io.gexflow.io.gct;

import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every user-fixable input problem is one InputException line that names the file. */
class GctInputErrorTest {

    @TempDir
    Path dir;

    /** Opens and reads everything; expects an InputException naming the file and containing the fragments. */
    static InputException assertInputError(Path file, String... fragments) {
        InputException e = assertThrows(InputException.class, () -> {
            try (GctDataset ds = GctDataset.open(file)) {
                ds.readAll();
            }
        });
        String msg = e.getMessage();
        assertTrue(msg.contains(file.getFileName().toString()), "no file name in: " + msg);
        assertFalse(msg.contains("\n"), "not one line: " + msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), "'" + f + "' not in: " + msg);
        }
        return e;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path text(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    // ---- not a GCT/GCTX at all ------------------------------------------------------------------

    @Test
    void missingFile() {
        assertInputError(dir.resolve("absent.gctx"), "file not found");
    }

    @Test
    void directory() {
        assertInputError(dir, "directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertInputError(write("empty.gct", new byte[0]), "empty file");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        b[0] = 0x07;
        assertInputError(write("random.gctx", b), "not a GCT or GCTX file", "binary data starting with bytes 07");
    }

    @Test
    void otherText() throws IOException {
        assertInputError(text("matrix.gct", "gene\ts1\ts2\nA\t1\t2\n"), "first line is 'gene?s1?s2'");
    }

    @Test
    void gzipped() throws IOException {
        Path p = dir.resolve("x.gct.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(Files.readAllBytes(GctReadTest.fixture("mini_gctoo_for_testing.gct")));
        }
        assertInputError(p, "gzip");
    }

    @Test
    void unsupportedGctVersion() throws IOException {
        assertInputError(text("v14.gct", "#1.4\n1\t1\nid\ts\nr\t1\n"), "unsupported GCT version '#1.4'");
    }

    // ---- broken HDF5 --------------------------------------------------------------------------

    @Test
    void hdf5SignatureThenGarbage() throws IOException {
        byte[] b = new byte[2048];
        new Random(8).nextBytes(b);
        System.arraycopy(FormatSniffer.HDF5_SIGNATURE, 0, b, 0, 8);
        assertInputError(write("garbage.gctx", b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini_gctoo_for_testing.gctx", "mini_gctoo_for_testing_nometa.gctx",
            "mini_gctx_with_metadata_n2x3.gctx"})
    void truncatedGctx(String name) throws IOException {
        byte[] full = Files.readAllBytes(GctReadTest.fixture(name));
        for (int cut : new int[]{9, 40, 100, 800, 3000, full.length / 2, full.length - 100, full.length - 1}) {
            assertInputError(write("cut" + cut + "_" + name, Arrays.copyOf(full, cut)), "truncated");
        }
    }

    @Test
    void corruptedGctxNeverCrashes() throws IOException {
        // Bytes overwritten inside the file (not truncated): either it still reads, or it is an
        // InputException; never another exception. (Data bytes themselves are not checksummed in
        // HDF5 files of superblock version 0, so some corruptions go unnoticed by any reader.)
        byte[] full = Files.readAllBytes(GctReadTest.fixture("mini_gctoo_for_testing.gctx"));
        Random rnd = new Random(9);
        for (int t = 0; t < 40; t++) {
            byte[] b = full.clone();
            int at = 8 + rnd.nextInt(b.length - 8);
            for (int i = at; i < Math.min(b.length, at + 32); i++) {
                b[i] = (byte) rnd.nextInt(256);
            }
            Path p = write("corrupt" + t + ".gctx", b);
            try (GctDataset ds = GctDataset.open(p)) {
                ds.readAll();
            } catch (InputException e) {
                assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
            }
        }
    }

    private Path hdf5(String name, Consumer<WritableHdfFile> content) {
        Path p = dir.resolve(name);
        try (WritableHdfFile w = HdfFile.write(p)) {
            w.removeAttribute("_jHDF");
            content.accept(w);
        }
        return p;
    }

    /** Writes a GCTX layout; returns /0/META/ROW (null without row ids). */
    private static WritableGroup gctx(WritableHdfFile w, float[][] matrix, String[] rowIds, String[] colIds) {
        WritableGroup zero = w.putGroup("0");
        zero.putGroup("DATA").putGroup("0").putDataset("matrix", matrix);
        WritableGroup meta = zero.putGroup("META");
        WritableGroup row = null;
        if (rowIds != null) {
            row = meta.putGroup("ROW");
            row.putDataset("id", rowIds);
        }
        meta.putGroup("COL").putDataset("id", colIds);
        return row;
    }

    @Test
    void hdf5ButNotGctx() {
        Path p = hdf5("data.h5", w -> w.putDataset("X", new float[][]{{1, 2}, {3, 4}}));
        assertInputError(p, "not a GCTX", "/0/DATA/0/matrix", "[X]");
    }

    @Test
    void missingRowIds() {
        Path p = hdf5("noids.gctx", w -> gctx(w, new float[2][3], null, new String[]{"s1", "s2"}));
        assertInputError(p, "/0/META/ROW/id");
    }

    @Test
    void matrixShapeDisagreesWithIds() {
        Path p = hdf5("shape.gctx", w -> gctx(w, new float[4][3], new String[]{"g1", "g2", "g3"},
                new String[]{"s1", "s2"}));
        assertInputError(p, "shape [4, 3]", "expected [2, 3]");
    }

    @Test
    void matrixStoredGenesBySamples() {
        Path p = hdf5("transposed.gctx", w -> gctx(w, new float[3][2], new String[]{"g1", "g2", "g3"},
                new String[]{"s1", "s2"}));
        assertInputError(p, "genes x samples");
    }

    @Test
    void metadataLengthDisagreesWithIds() {
        Path p = hdf5("meta.gctx", w -> {
            gctx(w, new float[2][3], new String[]{"g1", "g2", "g3"}, new String[]{"s1", "s2"})
                    .putDataset("symbol", new String[]{"A", "B"});
        });
        assertInputError(p, "/0/META/ROW/symbol", "3 ids");
    }

    // ---- malformed GCT text -----------------------------------------------------------------

    private static final String GOOD_13 = "#1.3\n"
            + "2\t2\t1\t1\n"
            + "id\tsymbol\ts1\ts2\n"
            + "dose\tna\t1\t10\n"
            + "g1\tA\t1.5\t2.5\n"
            + "g2\tB\tNaN\t-3e2\n";

    @Test
    void goodGctSanity() throws IOException {
        try (GctDataset ds = GctDataset.open(text("good.gct", GOOD_13))) {
            float[] v = ds.readAll();
            assertTrue(v[0] == 1.5f && Float.isNaN(v[1]) && v[2] == 2.5f && v[3] == -300f, Arrays.toString(v));
        }
        // CRLF line ends and trailing tabs are fine too
        try (GctDataset ds = GctDataset.open(text("crlf.gct", GOOD_13.replace("\n", "\t\r\n")))) {
            ds.readAll();
        }
    }

    @Test
    void nonNumericCell() throws IOException {
        Path p = text("bad_cell.gct", GOOD_13.replace("2.5", "2.5x"));
        assertInputError(p, "line 5, column 4", "row 'g1'", "sample 's2'", "'2.5x' is not a number");
    }

    @Test
    void emptyCell() throws IOException {
        Path p = text("empty_cell.gct", "#1.2\n1\t2\nName\tDescription\ts1\ts2\ng1\tA\t\t1\n");
        assertInputError(p, "line 4, column 3", "an empty value is not a number");
    }

    @Test
    void fewerRowsThanDeclared() throws IOException {
        assertInputError(text("short.gct", GOOD_13.replace("2\t2\t1\t1", "3\t2\t1\t1")),
                "file ends after line 6", "3 data rows", "found 1 and 2");
    }

    @Test
    void moreRowsThanDeclared() throws IOException {
        assertInputError(text("long.gct", GOOD_13 + "g3\tC\t1\t2\n"), "line 7", "more data rows than the nrows=2");
    }

    @Test
    void headerDisagreesWithColumnCount() throws IOException {
        assertInputError(text("header.gct", GOOD_13.replace("2\t2\t1\t1", "2\t3\t1\t1")),
                "line 3 (header) has 4 tab-separated fields, expected 5");
    }

    @Test
    void rowMetaCountDisagrees() throws IOException {
        assertInputError(text("rowmeta.gct", GOOD_13.replace("2\t2\t1\t1", "2\t2\t0\t1")),
                "line 3 (header) has 4 tab-separated fields, expected 3");
    }

    @Test
    void dataRowWithMissingField() throws IOException {
        assertInputError(text("row.gct", GOOD_13.replace("g2\tB\tNaN\t-3e2", "g2\tB\tNaN")),
                "line 6 (data row) has 3 tab-separated fields, expected 4");
    }

    @Test
    void wrongDimensionLine() throws IOException {
        assertInputError(text("dims13.gct", GOOD_13.replace("2\t2\t1\t1", "2\t2")), "line 2: expected 4 numbers");
        assertInputError(text("dims12.gct", "#1.2\n1\t2\t0\nName\tDescription\ts1\ts2\ng1\tA\t1\t1\n"),
                "line 2: expected 2 numbers");
        assertInputError(text("dimsx.gct", GOOD_13.replace("2\t2\t1\t1", "2\tz\t1\t1")), "non-negative integers");
    }

    @Test
    void duplicateMetadataFields() throws IOException {
        String twoRowMeta = "#1.3\n1\t1\t2\t2\nid\tsym\tsym\ts1\ncell\tna\tna\tA\ncell\tna\tna\tB\ng1\tA\tB\t1\n";
        assertInputError(text("duprow.gct", twoRowMeta), "line 3 (header): duplicate row-metadata field names");
        assertInputError(text("dupcol.gct", twoRowMeta.replace("id\tsym\tsym", "id\tsym\tsym2")),
                "line 5: duplicate column-metadata field 'cell'");
    }

    @Test
    void absurdRowCount() throws IOException {
        assertInputError(text("huge.gct", GOOD_13.replace("2\t2\t1\t1", "400000000\t2\t1\t1")),
                "400000000 data rows", "more than a");
    }

    @Test
    void notUtf8() throws IOException {
        byte[] b = GOOD_13.replace("A", "\u0001").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 1) {
                b[i] = (byte) 0xC3; // a lone lead byte
            }
        }
        assertInputError(write("latin.gct", b), "not UTF-8");
    }

    @Test
    void closedDatasetRefusesReads() {
        GctDataset ds = GctDataset.open(GctReadTest.fixture("mini_gctoo_for_testing.gctx"));
        ds.close();
        ds.close();
        try {
            ds.readColumns(0, 1);
            fail("read after close");
        } catch (IllegalStateException expected) {
            // fine
        }
    }

    /** Ids are keys: a repeated probe (row) or sample (column) id is refused naming both positions, GCT and GCTX. */
    @Test
    void duplicateIds() throws IOException {
        assertInputError(text("duprow.gct", "#1.2\n3\t2\nName\tDescription\ts1\ts2\ng1\tA\t1\t2\ng2\tB\t3\t4\ng1\tC\t5\t6\n"),
                "row id 'g1' appears twice (rows 1 and 3)");
        assertInputError(text("dupcol.gct", "#1.2\n1\t3\nName\tDescription\ts1\ts2\ts1\ng1\tA\t1\t2\t3\n"),
                "column id 's1' appears twice (columns 1 and 3)");
        Path gctx = dir.resolve("dup.gctx");
        io.gexflow.io.gct.GctxWriter.write(gctx, java.util.List.of("p1", "p2"), java.util.List.of("a", "b", "a"),
                java.util.Map.of(), java.util.Map.of(), new float[6]);
        assertInputError(gctx, "column id 'a' appears twice (columns 1 and 3)");
    }
}
