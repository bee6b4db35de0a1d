package io.cnnhomework.grader.report;

/**
 * Makes text that came from a submission (an exception message, a stack frame, what it printed,
 * its id or file names) inert where a person reads it: data, never markup or a terminal control
 * sequence.
 */
public final class Inert {

    private Inert() {
    }

    /**
     * @param text any text
     * @return the text as HTML or XML character data, also safe inside a quoted attribute; line
     *     breaks and tabs kept, every other control character shown as its escape
     *     ({@code \u001b[31m}), which tells the reader what the submission printed
     */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (isControl(c) && c != '\n' && c != '\t') {
                        out.append(escape(c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /**
     * @param text any text
     * @return the text with every control character (ESC of an ANSI sequence, carriage return,
     *     backspace, bell, the C1 controls, and line breaks) shown as a visible escape such as
     *     {@code \u001b}, so that it cannot move the cursor, recolour or rewrite a terminal line
     */
    public static String terminal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(escape(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * @param text any text
     * @return the text as Markdown that renders as that text and nothing else: on one line (line
     *     breaks become spaces, other control characters their escape), the characters Markdown gives a
     *     meaning to backslash-escaped, and {@code <}, {@code >}, {@code &} as entities, so that no
     *     emphasis, link, image, code span, table cell or raw HTML comes out of it
     */
    public static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> out.append('\\').appendCodePoint(c);
                case '\n', '\r', '\t', '\u2028', '\u2029' -> out.append(' ');
                default -> {
                    if (isControl(c)) {
                        // a backslash before a letter is no escape in Markdown: it shows as written
                        out.append(escape(c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** {@code \u001b} for ESC: a control character as the escape that names it. */
    private static String escape(int c) {
        return String.format("\\u%04x", c);
    }

    /**
     * @param text any text
     * @return the text in printable ASCII: every other character as {@code \\u} and its code
     *     point in hex ({@code caf\\u00e9}, {@code cafe\\u0301}), so that two strings that look
     *     alike (NFC and NFD, Latin and Cyrillic letters) are told apart
     */
    public static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format(c > 0xffff ? "\\u{%x}" : "\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
