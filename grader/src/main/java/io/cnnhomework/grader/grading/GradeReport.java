package io.cnnhomework.grader.grading;

import java.util.List;

/**
 * The result of grading one submission.
 *
 * @param tasks one verdict per task, in order
 * @param compileErrors the compiler's messages when the submission did not compile, else empty
 */
public record GradeReport(List<TaskGrade> tasks, List<String> compileErrors) {

    /** Defensive copies: a report is a value. */
    public GradeReport {
        tasks = List.copyOf(tasks);
        compileErrors = List.copyOf(compileErrors);
    }

    /** @return whether every task passed */
    public boolean allPassed() {
        return !tasks.isEmpty() && tasks.stream().allMatch(TaskGrade::passed);
    }

    /**
     * @param id a task id
     * @return that task's verdict
     */
    public TaskGrade task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task " + id));
    }
}
