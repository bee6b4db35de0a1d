package io.cnnhomework.grader.report;

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
}
