/**
 * Charts for the reports: a task's loss curves, the student's against PyTorch's, as a PNG.
 */
package io.cnnhomework.grader.report.plot;
