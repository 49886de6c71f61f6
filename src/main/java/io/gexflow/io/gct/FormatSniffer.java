package io.gexflow.io.gct;

import io.gexflow.io.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Decides from a file's first bytes whether it is GCTX (HDF5) or GCT text, or says what it is. */
final class FormatSniffer {

    enum Format { GCT, GCTX }

    /** The 8-byte HDF5 format signature. */
    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int HEAD_BYTES = 256;

    private FormatSniffer() {
    }

    static Format sniff(Path file) {
        checkReadableFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new InputException(file, "empty file (expected GCT text or GCTX/HDF5)");
            }
            if (hdf5SignatureOffset(ch) >= 0) {
                return Format.GCTX;
            }
            byte[] head = readAt(ch, 0, (int) Math.min(size, HEAD_BYTES));
            int start = startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
            String firstLine = firstLine(head, start);
            if (firstLine.startsWith("#1.2") || firstLine.startsWith("#1.3")) {
                return Format.GCT;
            }
            throw new InputException(file, "not a GCT or GCTX file: " + describe(head, start, firstLine));
        } catch (IOException e) {
            throw new InputException(file, "cannot read file: " + e, e);
        }
    }

    /**
     * Where the HDF5 superblock starts: 0, or 512, 1024, 2048, ... when the file has a user block;
     * -1 if there is no signature at any of those offsets.
     */
    static long hdf5SignatureOffset(FileChannel ch) throws IOException {
        long size = ch.size();
        for (long offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
            if (Arrays.equals(readAt(ch, offset, HDF5_SIGNATURE.length), HDF5_SIGNATURE)) {
                return offset;
            }
        }
        return -1;
    }

    static void checkReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file, "is a directory, not a GCT/GCTX file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file, "file is not readable (permission denied)");
        }
    }

    /** Maps an I/O failure while opening to an InputException. */
    static InputException ioProblem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(file, "file not found", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InputException(file, "file is not readable (permission denied)", e);
        }
        return new InputException(file, "cannot read file: " + e.getMessage(), e);
    }

    static byte[] readAt(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, offset + buf.position());
            if (n < 0) {
                break;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    private static String firstLine(byte[] head, int start) {
        int end = start;
        while (end < head.length && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        return new String(head, start, end - start, StandardCharsets.UTF_8);
    }

    private static String describe(byte[] head, int start, String firstLine) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "found gzip-compressed data; decompress it first";
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "found a zip archive; extract the GCT/GCTX file first";
        }
        if (firstLine.startsWith("#1.")) {
            return "unsupported GCT version '" + abbreviate(firstLine.split("\t", 2)[0].trim()) + "' (supported: #1.2, #1.3)";
        }
        if (looksLikeText(head, start)) {
            return "found text whose first line is '" + abbreviate(firstLine)
                    + "' (a GCT file starts with '#1.2' or '#1.3'; a GCTX file is HDF5)";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return "found binary data starting with bytes " + hex + " (neither GCT text nor HDF5)";
    }

    private static boolean looksLikeText(byte[] head, int start) {
        int bad = 0;
        for (int i = start; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                bad++;
            }
        }
        return bad == 0 && head.length > start;
    }

    static String abbreviate(String s) {
        return abbreviate(s, 60);
    }

    /** Control characters as '?', cut to {@code max} characters: safe to put in a one-line message. */
    static String abbreviate(String s, int max) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 3) + "...";
    }
}
