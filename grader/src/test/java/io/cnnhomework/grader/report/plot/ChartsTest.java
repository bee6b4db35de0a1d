package io.cnnhomework.grader.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.messages.Text;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static TaskGrade task1(String id, double... actual) {
        return new TaskGrade(id, false, 0.1, new double[] {0.936, 0.71, 0.52}, actual, null, null, Double.NaN,
                Text.of("task.epochs", actual.length, 3), null, null, null);
    }

    /** Charts are drawn in parallel jobs too; the count is read around one thread's calls only. */
    private static synchronized long drawnBy(Runnable calls) {
        long before = Charts.drawn();
        calls.run();
        return Charts.drawn() - before;
    }

    @Test
    void theSameCurvesAreDrawnOnceAndEachCallerGetsItsOwnCopy() {
        byte[][] pngs = new byte[2][];
        long drawn = drawnBy(() -> {
            pngs[0] = LossCurvePlot.png(task1("charts-same", 0.9, 0.7, 0.5), Locale.ENGLISH);
            pngs[1] = LossCurvePlot.png(task1("charts-same", 0.9, 0.7, 0.5), Locale.ENGLISH);
        });
        assertEquals(1, drawn);
        assertArrayEquals(pngs[0], pngs[1]);
        assertNotSame(pngs[0], pngs[1]);
        pngs[0][20] ^= 1;
        assertArrayEquals(pngs[1], LossCurvePlot.png(task1("charts-same", 0.9, 0.7, 0.5), Locale.ENGLISH));
    }

    @Test
    void anyDifferenceInWhatTheImageShowsDrawsItAgain() {
        TaskGrade grade = task1("charts-differ", 0.9, 0.7, 0.5);
        LossCurvePlot.png(grade, Locale.ENGLISH);
        // One point a little off, another language, another title: each a new image.
        assertEquals(1, drawnBy(() -> LossCurvePlot.png(task1("charts-differ", 0.9, 0.7, 0.5000001), Locale.ENGLISH)));
        assertEquals(1, drawnBy(() -> LossCurvePlot.png(grade, Locale.forLanguageTag("ru"))));
        assertEquals(1, drawnBy(() -> LossCurvePlot.png(task1("charts-differ-2", 0.9, 0.7, 0.5), Locale.ENGLISH)));
        assertNotEquals(Charts.fingerprint("loss-curve", LossCurvePlot.chart(grade, Locale.ENGLISH)),
                Charts.fingerprint("optimizer-loss", LossCurvePlot.chart(grade, Locale.ENGLISH)));
    }
}
