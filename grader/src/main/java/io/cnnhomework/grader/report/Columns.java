package io.cnnhomework.grader.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A console table whose columns are measured in the characters a terminal displays, not in
 * Java's {@code char}s: a Cyrillic header lines up with its rows, a combining accent takes no
 * column, a wide (CJK) character two. Every column but the last is padded to its widest cell,
 * header included; the last runs on.
 */
public final class Columns {

    private static final String GAP = "  ";

    private final int[] minimum;
    private final List<String[]> rows = new ArrayList<>();

    /** @param minimum the least width of each column but the last, so that short tables keep a steady layout */
    public Columns(int... minimum) {
        this.minimum = minimum.clone();
    }

    /**
     * @param cells one cell per column; fewer leave the rest empty
     * @return this table
     */
    public Columns row(String... cells) {
        String[] row = new String[minimum.length + 1];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i] : "";
        }
        rows.add(row);
        return this;
    }

    /** @return the table, each row ending with the platform's line separator */
    public String render() {
        int[] widths = minimum.clone();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - width(row[i]))).append(GAP);
            }
            line.append(row[widths.length]);
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * @param text a line without control characters
     * @return how many columns a terminal gives it
     */
    public static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            width += wide(codePoint) ? 2 : 1;
        }
        return width;
    }

    /** East Asian wide and full-width characters, and emoji, which terminals give two columns. */
    private static boolean wide(int codePoint) {
        return codePoint >= 0x1100 && (codePoint <= 0x115F
                || codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F
                || codePoint >= 0xAC00 && codePoint <= 0xD7A3
                || codePoint >= 0xF900 && codePoint <= 0xFAFF
                || codePoint >= 0xFE30 && codePoint <= 0xFE4F
                || codePoint >= 0xFF00 && codePoint <= 0xFF60
                || codePoint >= 0xFFE0 && codePoint <= 0xFFE6
                || codePoint >= 0x1F300 && codePoint <= 0x1FAFF
                || codePoint >= 0x20000 && codePoint <= 0x3FFFD);
    }
}
