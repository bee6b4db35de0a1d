package io.cnnhomework.grader.submission;

import java.util.List;
import java.util.Locale;

/** A submission does not compile; carries the compiler's messages. */
public final class CompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> diagnostics;

    /**
     * @param summary one line
     * @param diagnostics the compiler's messages, one per entry, file-relative
     */
    public CompilationException(String summary, List<String> diagnostics) {
        super(summary);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * @param seconds the compile time limit
     * @return the failure of a compilation stopped at the limit (javac's type inference can take
     *     minutes over a few nested generic calls)
     */
    public static CompilationException tookLongerThan(double seconds) {
        String message = String.format(Locale.ROOT, "compilation took longer than %.0f s", seconds);
        return new CompilationException(message, List.of(message));
    }

    /**
     * @param megabytes the compiler's heap limit
     * @return the failure of a compilation that exhausted the compiler's heap
     */
    public static CompilationException outOfMemory(long megabytes) {
        String message = "compilation ran out of memory (limit " + megabytes + " MB)";
        return new CompilationException(message, List.of(message));
    }

    /** @return the compiler's messages */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
