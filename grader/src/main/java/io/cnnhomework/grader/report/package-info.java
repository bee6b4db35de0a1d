/**
 * Presenting a {@link io.cnnhomework.grader.grading.GradeReport}: a console table a student reads
 * in seconds, and JSON for tools and gradebooks.
 */
package io.cnnhomework.grader.report;
