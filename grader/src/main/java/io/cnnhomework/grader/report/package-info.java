/**
 * Presenting a {@link io.cnnhomework.grader.grading.GradeReport}: a console table a student reads
 * in seconds, JSON for tools and gradebooks, Allure results ({@code allure}) and plots
 * ({@code plot}).
 */
package io.cnnhomework.grader.report;
