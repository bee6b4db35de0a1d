package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.StudentFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades a submission task by task: each task's inputs go to the runner, its output is compared
 * with PyTorch here. One task's failure never stops the others.
 */
public final class Grader {

    private final ReferenceSet reference;

    /** @param reference the PyTorch reference to grade against */
    public Grader(ReferenceSet reference) {
        this.reference = reference;
    }

    /**
     * @param runner runs the submission on a task's inputs
     * @return one verdict per task
     */
    public GradeReport grade(TaskRunner runner) {
        List<TaskGrade> grades = new ArrayList<>();
        for (ReferenceTask task : reference.tasks()) {
            grades.add(grade(task, runner));
        }
        return new GradeReport(grades, List.of());
    }

    /**
     * Grades a single task.
     *
     * @param taskId {@code task1}, {@code task2} or {@code task3}
     * @param runner runs the submission on the task's inputs
     * @return the verdict
     */
    public TaskGrade grade(String taskId, TaskRunner runner) {
        return grade(reference.task(taskId), runner);
    }

    /**
     * The report of a submission that does not compile: every task failed with the compiler's
     * first message.
     *
     * @param error the compilation failure
     * @return the report
     */
    public GradeReport notCompiled(CompilationException error) {
        List<TaskGrade> grades = new ArrayList<>();
        for (ReferenceTask task : reference.tasks()) {
            grades.add(LossCurveCheck.grade(task, TaskOutput.failed(new StudentFailure("compile-error", error.getMessage()))));
        }
        return new GradeReport(grades, error.diagnostics());
    }

    private TaskGrade grade(ReferenceTask task, TaskRunner runner) {
        TaskOutput output;
        try {
            output = runner.run(TaskInput.from(task, reference.digits()));
        } catch (RuntimeException e) {
            output = TaskOutput.failed(StudentFailure.of(e));
        }
        return LossCurveCheck.grade(task, output);
    }
}
