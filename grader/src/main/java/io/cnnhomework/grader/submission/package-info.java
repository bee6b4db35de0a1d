/**
 * Turning a submission into running code: compiling its sources against the student API alone,
 * loading its classes, constructing the homework's classes by their contract, and describing what
 * went wrong inside student code in one line (exception, message, first student frame).
 */
package io.cnnhomework.grader.submission;
