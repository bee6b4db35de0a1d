/**
 * Grading: the verdicts, on the grader's side of the trust boundary.
 *
 * <p>{@link io.cnnhomework.grader.grading.ExerciseInputs} turns the reference into jobs for the
 * code that runs a submission, keeping inputs and dropping every expected value. What comes back
 * is compared here: {@link io.cnnhomework.grader.grading.LayerParity} checks a layer case tensor
 * by tensor under a {@link io.cnnhomework.grader.grading.Tolerance}, {@link
 * io.cnnhomework.grader.grading.MistakeDiagnosis} names the usual mistake behind a difference,
 * {@link io.cnnhomework.grader.grading.LossCurveCheck} applies the seed's rule (the summed
 * absolute loss error over the epochs below
 * {@value io.cnnhomework.grader.grading.LossCurveCheck#PASS_THRESHOLD}), {@link
 * io.cnnhomework.grader.grading.TraceDivergence} says where a training curve parts from
 * PyTorch's, and {@link io.cnnhomework.grader.grading.OptionalTask} scores the optional task's
 * networks on validation labels the submission never sees.
 */
package io.cnnhomework.grader.grading;
