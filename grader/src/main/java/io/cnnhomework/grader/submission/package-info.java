/**
 * Turning a submission into running code: choosing what of it is compiled ({@code SourceTree}: the
 * {@code homework} folder's {@code .java} files, what tools leave beside them listed and left out),
 * compiling its sources against the student API alone,
 * loading its classes, constructing the homework's classes by their contract, and describing what
 * went wrong inside student code in one line (exception, message, first student frame).
 */
package io.cnnhomework.grader.submission;
