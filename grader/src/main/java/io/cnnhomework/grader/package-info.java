/**
 * The grader: loads the PyTorch reference, trains a submission exactly as the notebook does,
 * compares the loss curves and reports.
 *
 * <p>Packages, one job each, dependencies pointing down the list:
 * {@code cli} (command line) → {@code report} (console table, JSON) → {@code grading} (training
 * loops, comparison) → {@code submission} (compiling and loading student code) and
 * {@code reference} (ONNX, CSV, manifest). None of them is visible to submissions, which compile
 * against the student API alone.
 */
package io.cnnhomework.grader;
