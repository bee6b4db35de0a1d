/**
 * Copied work: every pair of a batch's submissions compared with JPlag, the template's stubs as
 * base code. Reads only the submissions' sources (staged as UTF-8 copies of their
 * {@code homework} package); runs nothing a student wrote.
 */
package io.cnnhomework.grader.similarity;
