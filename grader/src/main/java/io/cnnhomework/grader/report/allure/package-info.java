/**
 * A {@link io.cnnhomework.grader.grading.GradeReport} as Allure 2 results: one test result per
 * layer check and per task, with parameters, steps, the loss-curve plots and the per-epoch
 * numbers, for {@code scripts/allure-report} to render as HTML.
 */
package io.cnnhomework.grader.report.allure;
