package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.reference.ReferenceSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run is scored out of 100 only when it was unfiltered and every check and task of tasks 1–3 ran. */
class CoverageTest {

    private static final ReferenceSet REFERENCE = ReferenceSet.load(Fixtures.referenceDir());

    @Test
    void everyCheckAndTaskWithoutATagFilterIsComplete() {
        Coverage coverage = Coverage.of(GradedFixtures.knownGood(), REFERENCE, null);

        assertTrue(coverage.complete());
        assertEquals(List.of(), coverage.tags());
        assertTrue(Coverage.of(GradedFixtures.knownGood(), REFERENCE, "  ").complete(), "surefire's empty groups is no filter");
    }

    @Test
    void aTagFilterMakesTheRunPartialWithItsTags() {
        GradeReport good = GradedFixtures.knownGood();
        GradeReport reluOnly = new GradeReport(good.checks().stream().filter(check -> check.layer().className().equals("ReLU")).toList(),
                List.of(), List.of());

        Coverage coverage = Coverage.of(reluOnly, REFERENCE, "relu");

        assertFalse(coverage.complete());
        assertEquals(List.of("relu"), coverage.tags());
        assertEquals(List.of("layers", "tasks"), Coverage.of(good, REFERENCE, "layers, tasks").tags());
        assertFalse(Coverage.of(good, REFERENCE, "layers,tasks").complete(), "a filter asks for a part, even one that selects all");
    }

    @Test
    void aMissingTaskOrCheckMakesAnUnfilteredRunPartial() {
        GradeReport good = GradedFixtures.knownGood();
        GradeReport withoutTask3 = new GradeReport(good.checks(), good.tasks().subList(0, 2), List.of());
        GradeReport withoutOneCheck = new GradeReport(good.requiredChecks().subList(1, good.requiredChecks().size()), good.tasks(),
                List.of());

        assertFalse(Coverage.of(withoutTask3, REFERENCE, null).complete());
        assertFalse(Coverage.of(withoutOneCheck, REFERENCE, null).complete());
        assertEquals(List.of(), Coverage.of(withoutOneCheck, REFERENCE, null).tags());
    }
}
