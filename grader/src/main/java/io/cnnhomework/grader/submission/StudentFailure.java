package io.cnnhomework.grader.submission;

import io.cnnhomework.grader.messages.Text;
import java.util.Objects;

/**
 * What went wrong inside a submission, reduced to one line a student can act on.
 *
 * @param kind how the code failed
 * @param message the line, still to be rendered in the student's language
 */
public record StudentFailure(FailureKind kind, Text message) {

    /** Both are required. */
    public StudentFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The package every submission's classes live in. */
    public static final String STUDENT_PACKAGE = "homework";

    /** Longest exception message kept, so that a flood of text cannot bury the report. */
    static final int MAX_MESSAGE = 300;

    /**
     * Runs student code and says what went wrong, if anything.
     *
     * @param work the code to run
     * @return {@code null} when it completed; else a contract breach as the grader worded it, or
     *     whatever was thrown, errors included
     */
    public static StudentFailure during(Runnable work) {
        try {
            work.run();
            return null;
        } catch (StudentCodeException e) {
            return e.failure();
        } catch (Throwable e) { // student code may throw anything, errors included; the grader goes on
            return of(e);
        }
    }

    /**
     * Describes an exception thrown by student code without trusting it: its {@code getMessage},
     * {@code getStackTrace} or {@code getCause} may themselves throw or never end, so they are
     * guarded, and callers run this under the same time limit as the student code itself.
     *
     * @param thrown what the student's code threw
     * @return the failure
     */
    public static StudentFailure of(Throwable thrown) {
        Text where = firstStudentFrame(thrown);
        Object message = safeMessage(thrown);
        if (thrown instanceof UnsupportedOperationException) {
            return new StudentFailure(FailureKind.NOT_IMPLEMENTED, Text.of("failure.not-implemented",
                    message == null ? Text.of("failure.no-message")
                            : message instanceof String line ? StubMessages.localised(line) : message, where));
        }
        String type = thrown.getClass().getName();
        String simple = thrown.getClass().getSimpleName();
        if ((type.startsWith("java.") || type.startsWith(STUDENT_PACKAGE + ".")) && !simple.isEmpty()) {
            type = simple;
        }
        return new StudentFailure(FailureKind.EXCEPTION, message == null
                ? Text.of("failure.exception.no-message", type, where)
                : Text.of("failure.exception", type, message, where));
    }

    /**
     * @param key the bundle key of what breaks the homework's contract (missing class, wrong
     *     constructor, null result, wrong shape)
     * @param args its arguments
     * @return the failure
     */
    public static StudentFailure contract(String key, Object... args) {
        return new StudentFailure(FailureKind.CONTRACT, Text.of(key, args));
    }

    /**
     * @param seconds the limit that was exceeded
     * @param what what was running
     * @return the failure
     */
    public static StudentFailure timeout(double seconds, String what) {
        return new StudentFailure(FailureKind.TIMEOUT, Text.of("failure.timeout", what, seconds));
    }

    /**
     * @param what the check or task that the budget stopped or never started
     * @param seconds the submission's whole time budget
     * @return the failure: a timeout naming the budget
     */
    public static StudentFailure budget(String what, double seconds) {
        return new StudentFailure(FailureKind.TIMEOUT, Text.of("failure.budget", what, seconds));
    }

    /**
     * @param seconds the limit that was exceeded
     * @param what what was running
     * @param stack where the overrunning thread was when the limit struck
     * @return the failure, naming the student's method it was in when there is one
     */
    public static StudentFailure timeout(double seconds, String what, StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(STUDENT_PACKAGE + ".")) {
                return new StudentFailure(FailureKind.TIMEOUT, Text.of("failure.timeout.at", what, seconds, frame));
            }
        }
        return timeout(seconds, what);
    }

    private static Object safeMessage(Throwable thrown) {
        try {
            String message = thrown.getMessage();
            if (message == null) {
                return null;
            }
            String firstLine = message.strip().lines().findFirst().orElse("");
            return firstLine.length() > MAX_MESSAGE ? firstLine.substring(0, MAX_MESSAGE) + "…" : firstLine;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return Text.of("failure.message-unreadable", e.getClass().getSimpleName());
        }
    }

    private static Text firstStudentFrame(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 8; depth++) {
            StackTraceElement[] stack;
            try {
                // a student's exception may override getStackTrace and getCause to throw
                stack = current.getStackTrace();
                for (StackTraceElement frame : stack == null ? new StackTraceElement[0] : stack) {
                    if (frame != null && frame.getClassName().startsWith(STUDENT_PACKAGE + ".")) {
                        return Text.of("failure.where", frame);
                    }
                }
                current = current.getCause();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                return Text.of("failure.nowhere");
            }
        }
        return Text.of("failure.nowhere");
    }
}
