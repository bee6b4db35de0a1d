package io.cnnhomework.grader.submission;

import java.util.List;

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

    /** @return the compiler's messages */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
