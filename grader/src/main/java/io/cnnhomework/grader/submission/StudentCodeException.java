package io.cnnhomework.grader.submission;

/** Carries a {@link StudentFailure} out of the code that called into a submission. */
public final class StudentCodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StudentFailure failure;

    /** @param failure what went wrong */
    public StudentCodeException(StudentFailure failure) {
        super(failure.message().toString(), null, false, false);
        this.failure = failure;
    }

    /**
     * @param key the bundle key of the contract violation
     * @param args its arguments
     * @return the exception carrying a {@code contract} failure
     */
    public static StudentCodeException contract(String key, Object... args) {
        return new StudentCodeException(StudentFailure.contract(key, args));
    }

    /** @return what went wrong */
    public StudentFailure failure() {
        return failure;
    }
}
