package io.cnnhomework.grader.api;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The verdict on one part of the homework a test grades: a homework class on its layer cases, a
 * task, or the optional task's own network.
 *
 * @param name what was graded, e.g. {@code Conv} or {@code task1}
 * @param parts one per layer case, task or training run, in the order they ran
 * @param attempted whether the student began this part: some of it is more than the template's stub
 */
@API(status = API.Status.STABLE, since = "1.0")
public record Verdict(String name, List<Verdict.Part> parts, boolean attempted) {

    /**
     * One layer case, task or training run.
     *
     * @param name e.g. {@code conv_task1}
     * @param passed whether it matched PyTorch
     * @param failure how the student's code failed ({@code not-implemented}, {@code exception},
     *     {@code contract}, {@code timeout}, ...), or {@code null} when it ran (wrong values or none)
     * @param message the verdict in the grading's language, one line
     * @param messageInEnglish the same in English
     * @param hint the likely mistake in the grading's language, or {@code null}
     */
    @API(status = API.Status.STABLE, since = "1.0")
    public record Part(String name, boolean passed, String failure, String message, String messageInEnglish, String hint) {
    }

    /** An immutable list of parts. */
    public Verdict {
        parts = List.copyOf(parts);
    }

    /**
     * A verdict that counts as attempted when some part failed otherwise than as not implemented.
     *
     * @param name what was graded
     * @param parts its parts
     */
    public Verdict(String name, List<Verdict.Part> parts) {
        this(name, parts, parts.stream().anyMatch(part -> !"not-implemented".equals(part.failure())));
    }

    /** @return whether every part passed (and there is one) */
    public boolean passed() {
        return !parts.isEmpty() && parts.stream().allMatch(Part::passed);
    }

    /** @return every failing part, one line each with its hint on the next: what a failed test shows */
    public String failures() {
        return parts.stream().filter(part -> !part.passed())
                .map(part -> part.name() + ": " + part.message() + (part.hint() == null ? "" : System.lineSeparator() + "    " + part.hint()))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
