package io.cnnhomework.grader.submission;

import java.util.Arrays;
import java.util.Optional;

/**
 * How student code failed, as opposed to running and computing wrong values. Each kind carries its
 * identifier (in JSON, on the child JVM's wire, in the gradebook) and the message key of its
 * Allure category; a batch's status names the kinds that say how a whole submission misbehaved
 * ({@code io.cnnhomework.grader.batch.SubmissionStatus}).
 */
public enum FailureKind {

    /** A method the template leaves unimplemented still throws {@link UnsupportedOperationException}. */
    NOT_IMPLEMENTED("not-implemented"),
    /** Student code threw an exception. */
    EXCEPTION("exception"),
    /** A class, constructor, shape or returned value breaks the homework's contract. */
    CONTRACT("contract"),
    /** Student code ran past its time limit. */
    TIMEOUT("timeout"),
    /** The child JVM running the submission exhausted its heap. */
    MEMORY("memory"),
    /** The child JVM running the submission ended, or spoke something other than the protocol. */
    CRASHED("crashed"),
    /** The submission was refused by the bytecode policy before anything ran. */
    POLICY("policy"),
    /** The submission does not compile. */
    COMPILE_ERROR("compile-error"),
    /** The submission's archive could not be unpacked: not a zip, damaged, hostile or over a limit. */
    UNREADABLE("unreadable");

    private final String id;

    FailureKind(String id) {
        this.id = id;
    }

    /** @return the identifier used in reports and on the wire, e.g. {@code not-implemented} */
    public String id() {
        return id;
    }

    /** @return the message key of the Allure category that collects failures of this kind */
    public String categoryKey() {
        return "allure.category." + id;
    }

    /**
     * @param id an identifier as {@link #id()} gives it
     * @return the kind, if there is one by that identifier
     */
    public static Optional<FailureKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
