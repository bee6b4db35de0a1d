package io.cnnhomework.grader.report;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.reference.Visibility;

/**
 * Who reads a report, and so what it may show of the reference's expected values.
 *
 * <p>A student may see everything of the handout's (public) set, which is in their copy anyway;
 * of a hidden (private) set, nothing: no expected curve, no expected tensor element, no trace of
 * PyTorch's parameters, or a submission could copy them and pass that set. The course's staff see
 * everything.
 */
public enum Audience {

    /** The course's staff: every expected value. */
    STAFF,
    /** A student: the expected values of a public set only. */
    STUDENT;

    /**
     * @param visibility the reference set's
     * @return whether this audience may see that set's expected values
     */
    public boolean seesExpectedValuesOf(Visibility visibility) {
        return this == STAFF || visibility == Visibility.PUBLIC;
    }

    /**
     * The report this audience may read: the whole of it, or, where it may not see the set's
     * expected values, {@link GradeReport#withoutReferenceValues()}, the one place they are taken
     * out. Every writer for students (the JSON report, feedback pages, Allure results, the console,
     * the gradebook's detail, the Classroom score) renders what this returns.
     *
     * @param report a grading against a set of this visibility
     * @param visibility the reference set's
     * @return the report to render for this audience
     */
    public GradeReport view(GradeReport report, Visibility visibility) {
        return seesExpectedValuesOf(visibility) ? report : report.withoutReferenceValues();
    }

    /**
     * @param check a layer check against a set of this visibility
     * @param visibility the reference set's
     * @return the check to show this audience, as {@link #view(GradeReport, Visibility)} decides
     */
    public LayerCheck view(LayerCheck check, Visibility visibility) {
        return seesExpectedValuesOf(visibility) ? check : check.withoutReferenceValues();
    }

    /**
     * @param task a task's verdict against a set of this visibility
     * @param visibility the reference set's
     * @return the verdict to show this audience, as {@link #view(GradeReport, Visibility)} decides
     */
    public TaskGrade view(TaskGrade task, Visibility visibility) {
        return seesExpectedValuesOf(visibility) ? task : task.withoutReferenceValues();
    }
}
