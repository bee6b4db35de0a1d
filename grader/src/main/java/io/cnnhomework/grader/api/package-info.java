/**
 * The grader's public API: what the tests in a student's repository call to grade the homework
 * ({@link io.cnnhomework.grader.api.HomeworkGrading}) and the verdicts they assert on. Marked
 * {@code @API(status = STABLE)}: a handout generated today keeps compiling against tomorrow's
 * grader, whatever moves inside it. Everything else in the grader is internal.
 */
package io.cnnhomework.grader.api;
