package io.cnnhomework.grader.submission;

/**
 * The grader runs on a Java runtime without a compiler ({@code javax.tools}): a JRE, or a broken
 * installation. The grader's environment is at fault, never the submission.
 */
public final class NoCompilerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is missing */
    public NoCompilerException(String message) {
        super(message);
    }
}
