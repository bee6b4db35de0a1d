/**
 * The class dashboard: a batch's output (the gradebook, each submission's report, the similarity
 * summary) as one self-contained HTML page for the instructor. Reads files only; runs nothing a
 * student wrote.
 */
package io.cnnhomework.grader.dashboard;
