/**
 * Reading the exporter's reference data: {@code MANIFEST.json}, ONNX models and tensors, loss
 * curves as CSV. Every file is checked against the manifest (sha256, dtype, shape) before use, and
 * every problem becomes a {@link io.cnnhomework.grader.reference.ReferenceDataException} whose
 * one-line message names the file.
 *
 * <p>Besides PyTorch's float32 results a set carries what the exporter measured of their float32
 * rounding: a {@link io.cnnhomework.grader.reference.TensorTolerance} per expected tensor of every
 * layer case and for task 3's prepared digits, and each task's float64 training
 * ({@link io.cnnhomework.grader.reference.Float64Training}); its
 * {@link io.cnnhomework.grader.reference.Visibility} says whether it is the handout's set or a
 * hidden one. The compact seed fixtures also carry PyTorch's float64 results. This package only
 * reads; comparing is the grading's.
 */
package io.cnnhomework.grader.reference;
