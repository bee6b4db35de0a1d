package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.reference.ReferenceTask;

/**
 * Breaks the trust boundary on purpose: a class in {@code exercise} that reads a reference task,
 * which holds PyTorch's expected curves. {@code GraderArchitectureTest} shows that its rule
 * refuses it; being a test class, it is not part of the grader the rule otherwise checks.
 */
public final class LeakyExercise {

    private LeakyExercise() {
    }

    /**
     * @param task a reference task
     * @return its first expected loss, which student-side code must never see
     */
    public static double peek(ReferenceTask task) {
        return task.trainLoss()[0];
    }
}
