package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.submission.FailureKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A submission's status in the gradebook. Where the submission misbehaved, the status names how,
 * by the {@link FailureKind} of its checks and tasks, most decisive first: its archive could not be
 * unpacked, it did not compile, was refused by the policy, ran out of memory, crashed, overran;
 * otherwise it is {@code ok} or {@code failed}, or {@code not-attempted} when the batch found the
 * template's stubs unchanged. Only tasks 1–3 and their layer checks count: the optional task
 * informs. {@code running} and {@code error} are the grader's: not graded yet, and the grader
 * failed on it.
 */
public enum SubmissionStatus {

    /** Provisional: written before grading starts and replaced when it ends. */
    RUNNING("running", null),
    /** Every layer check and task of tasks 1–3 passed. */
    OK("ok", null),
    /** It ran; some check or task failed (wrong values, an exception, not implemented). */
    FAILED("failed", null),
    /**
     * No homework class differs from the template's stub (comments and layout aside): the
     * student handed in the template. Decided by the batch from the sources, not from the report.
     */
    NOT_ATTEMPTED("not-attempted", null),
    /** It does not compile. */
    COMPILE_ERROR("compile-error", FailureKind.COMPILE_ERROR),
    /** Refused by the bytecode policy before running. */
    POLICY("policy", FailureKind.POLICY),
    /** Its JVM ran out of memory. */
    MEMORY("memory", FailureKind.MEMORY),
    /** Its JVM ended or broke the protocol. */
    CRASHED("crashed", FailureKind.CRASHED),
    /** A check or task ran past its time limit, or the submission past its time budget. */
    TIMEOUT("timeout", FailureKind.TIMEOUT),
    /** Its archive could not be unpacked: not a zip, damaged, an entry outside it, over a limit. */
    UNREADABLE("unreadable", FailureKind.UNREADABLE),
    /**
     * The grader itself failed on this submission (a full disk, a bug): not the submission's
     * fault, so it has no score; {@code --resume} grades it again.
     */
    ERROR("error", null);

    /** Statuses decided by a failure kind, most decisive first. */
    private static final List<SubmissionStatus> BY_PRECEDENCE = List.of(UNREADABLE, COMPILE_ERROR, POLICY, MEMORY, CRASHED, TIMEOUT);

    private final String id;
    private final FailureKind kind;

    SubmissionStatus(String id, FailureKind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** @return the identifier in the gradebook, e.g. {@code compile-error} */
    public String id() {
        return id;
    }

    /**
     * @param report a finished grading
     * @return its status
     */
    public static SubmissionStatus of(GradeReport report) {
        Set<FailureKind> kinds = Stream.concat(report.requiredChecks().stream().map(LayerCheck::failureKind),
                report.tasks().stream().map(TaskGrade::failureKind)).filter(kind -> kind != null).collect(Collectors.toSet());
        for (SubmissionStatus status : BY_PRECEDENCE) {
            if (kinds.contains(status.kind)) {
                return status;
            }
        }
        return report.allPassed() ? OK : FAILED;
    }

    /**
     * @param id an identifier as {@link #id()} gives it
     * @return the status, if there is one by that identifier
     */
    public static Optional<SubmissionStatus> byId(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
