/**
 * Grading: the notebook's training loops and the seed's comparison.
 *
 * <p>The work is split at the isolation boundary. On one side, {@link
 * io.cnnhomework.grader.grading.NotebookTraining} runs student code on a {@link
 * io.cnnhomework.grader.grading.TaskInput} (inputs and initial weights only) and returns a {@link
 * io.cnnhomework.grader.grading.TaskOutput} (what the student computed); it never sees an expected
 * value, so it can run in a separate JVM. On the other, {@link
 * io.cnnhomework.grader.grading.LossCurveCheck} compares that output with PyTorch's curves:
 * the summed absolute loss error over the epochs must stay below
 * {@value io.cnnhomework.grader.grading.LossCurveCheck#PASS_THRESHOLD}, exactly the seed's rule.
 */
package io.cnnhomework.grader.grading;
