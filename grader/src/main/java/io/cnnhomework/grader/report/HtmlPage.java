package io.cnnhomework.grader.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A self-contained HTML page of the reports (the class dashboard, a student's feedback): styles,
 * script, data and images inside the one file, so that it works when opened from disk and asks
 * no other host for anything.
 *
 * <p>Its Content-Security-Policy says the same to the browser: nothing may be loaded from
 * anywhere ({@code default-src 'none'}), images only from {@code data:} URIs, and the only script
 * that may run is the page's own, named by its SHA-256. Text from a submission is escaped with
 * {@link Inert#html(String)} before it reaches the page; the policy is the second wall should a
 * string ever slip through: an injected {@code <script>} or {@code onerror=} does not run.
 */
public final class HtmlPage {

    private HtmlPage() {
    }

    /**
     * @param locale the page's language ({@code <html lang>})
     * @param title the title, plain text (escaped here)
     * @param css the style sheet
     * @param body the body's markup, every untrusted string in it already escaped
     * @param script the page's script, or {@code null} for a page that runs none
     * @return the page
     */
    public static String render(Locale locale, String title, String css, String body, String script) {
        String scripts = script == null ? "'none'" : "'sha256-" + sha256(script) + "'";
        StringBuilder page = new StringBuilder(body.length() + css.length() + 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"").append(Inert.html(locale.getLanguage())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; ")
                .append("script-src ").append(scripts).append("; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(Inert.html(title)).append("</title>\n")
                .append("<style>\n").append(css).append("</style>\n</head>\n<body>\n")
                .append(body);
        if (script != null) {
            page.append("<script>").append(script).append("</script>\n");
        }
        return page.append("</body>\n</html>\n").toString();
    }

    /**
     * @param png an image
     * @return it as a {@code data:} URI for an {@code <img src>}
     */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String sha256(String script) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
