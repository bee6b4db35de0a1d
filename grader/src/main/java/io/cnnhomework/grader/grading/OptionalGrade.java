package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.OptimizerChoice;
import java.util.List;

/**
 * The verdict on the optional task: the submission's own network trained with its own optimizer,
 * and the same network with each optimizer of {@link OptimizerChoice#COMPARISON}.
 *
 * @param own the run with the recipe's own optimizer
 * @param comparison the comparison's runs, in its order; empty when not asked for or not reached
 * @param attempted whether the submission implements the task (its recipe is not the template's stub)
 * @param passed whether the own run completed with at least {@link OptionalTask#PASS_ACCURACY}
 *     validation accuracy at its last epoch
 */
public record OptionalGrade(TrainingRun own, List<TrainingRun> comparison, boolean attempted, boolean passed) {

    /** Defensive copy: a grade is a value. */
    public OptionalGrade {
        comparison = List.copyOf(comparison);
    }
}
