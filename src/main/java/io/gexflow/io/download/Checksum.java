package io.gexflow.io.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** An expected digest of a file: algorithm ({@code md5} or {@code sha256}) and lower-case hex. */
public record Checksum(String algorithm, String hex) {
    public static final String MD5 = "md5";
    public static final String SHA256 = "sha256";

    public Checksum {
        hex = hex.strip().toLowerCase(Locale.ROOT);
        int length = switch (algorithm) {
            case MD5 -> 32;
            case SHA256 -> 64;
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm + " (md5, sha256)");
        };
        if (hex.length() != length || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(
                    algorithm + " must be " + length + " hexadecimal digits, got '" + hex + "'");
        }
    }

    /** The same digest of {@code file}, streamed (bounded memory whatever the size). */
    public String of(Path file) {
        return digest(algorithm, file);
    }

    public boolean matches(Path file) {
        return hex.equals(of(file));
    }

    public static String digest(String algorithm, Path file) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(MD5.equals(algorithm) ? "MD5" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}
