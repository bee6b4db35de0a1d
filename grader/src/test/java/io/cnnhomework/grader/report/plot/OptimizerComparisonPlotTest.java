package io.cnnhomework.grader.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The optional task's charts are titled for what they show. */
class OptimizerComparisonPlotTest {

    private static TrainingRun run(String name) {
        return new TrainingRun(name, "homework.Adam", 2, 64, 6186, new double[] {0.5, 0.25}, new double[] {0.5, 0.3},
                new double[] {0.9, 0.95}, 1.5, Text.of("optional.no-epochs"), null);
    }

    private static String title(OptionalGrade grade, boolean loss, Locale locale) {
        return OptimizerComparisonPlot.chart(grade, locale, OptimizerComparisonPlot.title(grade, loss), "plot.axis.loss",
                TrainingRun::trainLoss, false).getTitle().getText();
    }

    @Test
    void aSingleTrainingRunIsNotTitledAComparison() {
        OptionalGrade alone = new OptionalGrade(run(OptionalTask.OWN), List.of(), true, false);

        assertEquals("Own network: training loss", title(alone, true, Locale.ENGLISH));
        assertEquals("Own network: validation accuracy", title(alone, false, Locale.ENGLISH));
        assertEquals("Своя сеть: потери на обучении", title(alone, true, Messages.RUSSIAN));
    }

    @Test
    void runsToCompareAreTitledAComparison() {
        OptionalGrade compared = new OptionalGrade(run(OptionalTask.OWN), List.of(run("SGD lr 0.1")), true, false);

        assertEquals("Optimizer comparison: training loss", title(compared, true, Locale.ENGLISH));
        assertEquals("Сравнение оптимизаторов: точность на валидации", title(compared, false, Messages.RUSSIAN));
    }
}
