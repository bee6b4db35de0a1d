/**
 * Running student code, on the student's side of the trust boundary: in the grader's own JVM
 * ({@link io.cnnhomework.grader.exercise.InProcessRunner}, limited in time by {@link
 * io.cnnhomework.grader.exercise.TimeLimitedRunner}) or in the child JVM that {@code isolation}
 * starts.
 *
 * <p>A {@link io.cnnhomework.grader.exercise.Job} carries inputs only — a task's initial weights
 * and data ({@link io.cnnhomework.grader.exercise.TaskInput}), a layer case's tensors ({@link
 * io.cnnhomework.grader.exercise.LayerInput}), a training run of the optional task ({@link
 * io.cnnhomework.grader.exercise.TrainingInput}) — and its {@link
 * io.cnnhomework.grader.exercise.Outcome} is what the student's code computed, with the failure
 * that stopped it, if any. The runners never see an expected value; this package may not depend
 * on {@code grading} or {@code reference}, and a test enforces it.
 */
package io.cnnhomework.grader.exercise;
