package io.gexflow.report;

import java.util.Locale;

/** Small helpers for writing HTML text: escaping and fixed, locale-independent number formats. */
public final class Html {
    private Html() {}

    /** Escapes {@code & < > " '} so the text is safe in element content and in quoted attributes. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code v} with 4 decimals, e.g. {@code 0.3421}. */
    public static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * A fraction as a percentage with 1 decimal, e.g. {@code 0.268 -> 26.8%}. More decimals (up to 4) are
     * used where 1 decimal would round a value that is not exactly 0 or 1 to "0.0%" or "100.0%"
     * ({@code 0.9997 -> 99.97%}), so that "all genes" is never claimed when one gene is not.
     */
    public static String pct1(double fraction) {
        double p = 100.0 * fraction;
        String s = String.format(Locale.ROOT, "%.1f", p);
        for (int d = 2; d <= 4 && isMisleading(s, p); d++) {
            s = String.format(Locale.ROOT, "%." + d + "f", p);
        }
        return s + "%";
    }

    private static boolean isMisleading(String rounded, double p) {
        double r = Double.parseDouble(rounded);
        return (Math.abs(r) == 100.0 && Math.abs(p) != 100.0) || (r == 0.0 && p != 0.0);
    }

    /** A fraction as a percentage with 2 decimals, e.g. {@code 0.1533 -> 15.33%}. */
    public static String pct2(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * fraction);
    }

    /** {@code mean ± sd} with 4 decimals each. */
    public static String meanSd(double mean, double sd) {
        return f4(mean) + " &plusmn; " + f4(sd);
    }
}
