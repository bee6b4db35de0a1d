/**
 * Charts for the reports, as PNGs: a task's loss curves, the student's against PyTorch's, and the
 * optional task's optimizer comparison.
 */
package io.cnnhomework.grader.report.plot;
