package io.cnnhomework.grader.submission;

/**
 * What went wrong inside a submission, reduced to one line a student can act on.
 *
 * @param kind {@code not-implemented}, {@code exception}, {@code timeout} or {@code contract}
 * @param message one line: what failed, and where in the student's code
 */
public record StudentFailure(String kind, String message) {

    /** The package every submission's classes live in. */
    public static final String STUDENT_PACKAGE = "homework";

    /**
     * Describes an exception thrown by student code without trusting it: its {@code getMessage} or
     * {@code toString} may themselves throw or never end, so only the message is asked for, and
     * guarded.
     *
     * @param thrown what the student's code threw
     * @return the failure
     */
    public static StudentFailure of(Throwable thrown) {
        String where = firstStudentFrame(thrown);
        String message = safeMessage(thrown);
        if (thrown instanceof UnsupportedOperationException) {
            return new StudentFailure("not-implemented", "not implemented: " + (message == null ? "(no message)" : message)
                    + where);
        }
        String type = thrown.getClass().getName();
        if (type.startsWith("java.") || type.startsWith(STUDENT_PACKAGE + ".")) {
            type = thrown.getClass().getSimpleName();
        }
        return new StudentFailure("exception", type + (message == null ? "" : ": " + message) + where);
    }

    /**
     * @param message what breaks the homework's contract (missing class, wrong constructor, null result)
     * @return the failure
     */
    public static StudentFailure contract(String message) {
        return new StudentFailure("contract", message);
    }

    /**
     * @param seconds the limit that was exceeded
     * @param what what was running
     * @return the failure
     */
    public static StudentFailure timeout(double seconds, String what) {
        return new StudentFailure("timeout", what + " did not finish within " + seconds + " s (infinite loop?)");
    }

    private static String safeMessage(Throwable thrown) {
        try {
            String message = thrown.getMessage();
            if (message == null) {
                return null;
            }
            String firstLine = message.strip().lines().findFirst().orElse("");
            return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
        } catch (RuntimeException | StackOverflowError e) {
            return "(its message could not be read: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String firstStudentFrame(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 8; depth++, current = current.getCause()) {
            for (StackTraceElement frame : current.getStackTrace()) {
                if (frame.getClassName().startsWith(STUDENT_PACKAGE + ".")) {
                    return " (at " + frame + ")";
                }
            }
        }
        return "";
    }
}
