package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a grading covered the whole homework, as a score out of 100 requires: every layer
 * case of tasks 1–3 checked and every task trained. A run of the student's tests filtered by a
 * JUnit tag ({@code -Dgroups=relu}) or a test name covers part of it; its report says so and gives
 * no score, so that ReLU alone never reads as 40 points.
 *
 * @param complete whether every required check and task ran
 * @param tags the JUnit tags the run was filtered by, as given; empty when none were
 */
public record Coverage(boolean complete, List<String> tags) {

    /** The whole homework ran: what {@code scripts/grader grade} and a batch always do. */
    public static final Coverage COMPLETE = new Coverage(true, List.of());

    /** An immutable list of tags. */
    public Coverage {
        tags = List.copyOf(tags);
    }

    /**
     * @param report what ran
     * @param reference the reference it ran against
     * @param tags the tag filter of the run (e.g. the value of surefire's {@code groups}), or
     *     {@code null} or blank when there was none
     * @return complete when the run was not filtered by tags and every required layer case of the
     *     reference and every task is in the report; otherwise partial, with the tags (a tag filter
     *     makes a run partial even when it happens to select everything: the student asked for a part)
     */
    public static Coverage of(GradeReport report, ReferenceSet reference, String tags) {
        Set<String> checked = report.requiredChecks().stream().map(LayerCheck::caseName).collect(Collectors.toSet());
        Set<String> trained = report.tasks().stream().map(TaskGrade::id).collect(Collectors.toSet());
        boolean allRan = reference.layerCases().stream().filter(layerCase -> !layerCase.optional()).map(LayerCase::name)
                .allMatch(checked::contains)
                && reference.tasks().stream().map(ReferenceTask::id).allMatch(trained::contains);
        List<String> filter = tags == null || tags.isBlank() ? List.of()
                : List.of(tags.trim().split("\\s*,\\s*"));
        return new Coverage(allRan && filter.isEmpty(), filter);
    }
}
