package io.cnnhomework.grader.submission;

/** Carries a {@link StudentFailure} out of the code that called into a submission. */
public final class StudentCodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StudentFailure failure;

    /** @param failure what went wrong */
    public StudentCodeException(StudentFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    /** @return what went wrong */
    public StudentFailure failure() {
        return failure;
    }
}
