package io.cnnhomework.grader.reference;

import java.nio.file.Path;

/**
 * The reference data is missing, corrupt or inconsistent. The message is one line that starts
 * with the offending file.
 */
public final class ReferenceDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file at fault
     * @param problem what is wrong with it
     */
    public ReferenceDataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * @param file the file at fault
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public ReferenceDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
