package io.cnnhomework.grader.handout;

/** The handout cannot be written; the one-line message names the path or setting and what to do. */
public final class HandoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HandoutException(String message) {
        super(message);
    }

    HandoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
