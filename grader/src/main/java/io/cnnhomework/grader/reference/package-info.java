/**
 * Reading the exporter's reference data: {@code MANIFEST.json}, ONNX models and tensors, loss
 * curves as CSV. Every file is checked against the manifest (sha256, dtype, shape) before use, and
 * every problem becomes a {@link io.cnnhomework.grader.reference.ReferenceDataException} whose
 * one-line message names the file.
 */
package io.cnnhomework.grader.reference;
