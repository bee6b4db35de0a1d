package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Hint;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.Tolerance;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console tables: columns aligned in displayed characters in both languages, no empty section. */
class ConsoleReportTest {

    private static final Tensor OUTPUT = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);

    private static LayerCheck passed() {
        return new LayerCheck("conv_task1", LayerKind.CONV, Map.of(), List.of(TensorComparison.compare("output", OUTPUT, OUTPUT,
                Tolerance.LAYER)), true, 1, Text.of("layer.passed", 1), null, null, false);
    }

    private static LayerCheck failed() {
        TensorComparison wrong = TensorComparison.compare("grad_weight", OUTPUT, Tensor.of(new float[] {4, 8, 12, 16}, 2, 2),
                Tolerance.LAYER);
        return new LayerCheck("fc_batch4", LayerKind.FC, Map.of(), List.of(wrong), false, 0, wrong.describe(),
                Hint.of("grad-not-divided", "grad_weight", 4), null, false);
    }

    private static LayerCheck optionalStub() {
        return new LayerCheck("adam", LayerKind.ADAM, Map.of(), List.of(), false, 0,
                Text.of("failure.not-implemented", Text.of("stub.Adam.updateParams"), ""), null, FailureKind.NOT_IMPLEMENTED, true);
    }

    private static TaskGrade task(boolean passed, double error) {
        return new TaskGrade("task1", passed, error, new double[] {0.9, 0.7}, new double[] {0.9, 0.7}, null, null, Double.NaN,
                Text.of("task.passed", "5.77e-08", "1.00e-03"), null, null, null);
    }

    private static TrainingRun run(String name) {
        return new TrainingRun(name, "Adam", 2, 64, 6186, new double[] {0.5, 0.25}, new double[] {0.5, 0.3},
                new double[] {0.9, 0.95}, 1.5, Text.of("optional.accuracy", "95.0 %", 2, "1.50"), null);
    }

    private static GradeReport everything() {
        TrainingRun own = run("own");
        return new GradeReport(List.of(passed(), failed(), optionalStub()), List.of(task(true, 5.77e-8), task(false, 1.42)), List.of(),
                new OptionalGrade(own, List.of(run("SGD lr 0.1"), run("AdamW lr 0.01 wd 1e-2")), true, false));
    }

    /** @return the lines of one table: from its title's next line to the next title or the score */
    private static List<String> table(String console, String title, Locale locale) {
        List<String> lines = Arrays.asList(console.split("\\R"));
        List<String> titles = List.of("report.layers", "report.tasks", "report.optional", "report.optional.comparison").stream()
                .map(key -> Text.of(key).render(locale)).toList();
        int start = lines.indexOf(title) + 1;
        assertTrue(start > 0, title + " in\n" + console);
        int end = start;
        while (end < lines.size() && !titles.contains(lines.get(end)) && !lines.get(end).startsWith(Text.of("report.score", "", "", "", "",
                "").render(locale).substring(0, 4))) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The column of each cell starts where the header's does, counted in displayed characters. */
    private static void assertAligned(List<String> table, int columns) {
        String header = table.get(0);
        List<Integer> starts = starts(header);
        assertTrue(starts.size() >= columns, "header cells: " + header);
        for (String line : table.subList(1, table.size())) {
            if (line.isBlank() || line.startsWith(" ".repeat(starts.get(1)))) {
                continue; // a detail line under its row
            }
            List<Integer> cells = starts(line);
            assertEquals(starts.subList(0, columns), cells.subList(0, columns), "\n" + header + "\n" + line);
        }
    }

    /** Where each cell begins: after two spaces or more, in displayed characters. */
    private static List<Integer> starts(String line) {
        List<Integer> starts = new java.util.ArrayList<>();
        int column = 0;
        int spaces = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            if (codePoint != ' ' && (column == 0 && starts.isEmpty() || spaces >= 2)) {
                starts.add(column);
            }
            spaces = codePoint == ' ' ? spaces + 1 : 0;
            column += Columns.width(character);
            i += Character.charCount(codePoint);
        }
        return starts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ru"})
    void everyTableHasItsCellsUnderTheirHeadersInDisplayedCharacters(String lang) {
        Locale locale = Messages.language(lang);
        String console = ConsoleReport.render(everything(), locale);

        assertAligned(table(console, Text.of("report.layers").render(locale), locale), 3);
        assertAligned(table(console, Text.of("report.tasks").render(locale), locale), 3);
        assertAligned(table(console, Text.of("report.optional").render(locale), locale), 3);
        assertAligned(table(console, Text.of("report.optional.comparison").render(locale), locale), 4);
        String status = Text.of("report.header.status").render(locale);
        List<String> headers = console.lines().filter(line -> line.contains(status)).toList();
        assertEquals(3, headers.size(), console);
        for (String header : headers) {
            assertEquals(starts(headers.get(0)), starts(header), "the three tables share their columns:\n" + console);
        }
    }

    @Test
    void theRussianHeadersAreTheGlossarysWordsAndFitTheirColumns() {
        String console = ConsoleReport.render(everything(), Messages.RUSSIAN);

        assertTrue(console.contains("задание                                       статус       суммарная ошибка  сообщение / подсказка"),
                console);
        assertTrue(console.contains("НЕ ПРОЙДЕНО"), console);
        assertFalse(console.contains("ОШИБКА"), console);
        assertFalse(console.contains("Adam: keep"), console);
    }

    @Test
    void anOptionalStubIsSkippedNotFailed() {
        String english = ConsoleReport.render(everything(), Locale.ENGLISH);
        String russian = ConsoleReport.render(everything(), Messages.RUSSIAN);

        assertTrue(english.lines().anyMatch(line -> line.startsWith("Adam adam") && line.contains("SKIPPED")), english);
        assertTrue(russian.lines().anyMatch(line -> line.startsWith("Adam adam") && line.contains("ПРОПУЩЕНО")), russian);
        assertTrue(english.lines().anyMatch(line -> line.startsWith("Fc fc_batch4") && line.contains("FAIL")), english);
    }

    @Test
    void aLayersOnlyRunPrintsNoTasksSectionAndATasksOnlyRunNoLayersSection() {
        String layersOnly = ConsoleReport.render(new GradeReport(List.of(passed()), List.of(), List.of()), Locale.ENGLISH);
        String tasksOnly = ConsoleReport.render(new GradeReport(List.of(), List.of(task(true, 1e-8)), List.of()), Locale.ENGLISH);

        assertFalse(layersOnly.contains("Tasks"), layersOnly);
        assertFalse(layersOnly.contains("task "), layersOnly);
        assertFalse(tasksOnly.contains("Layer checks"), tasksOnly);
        assertTrue(tasksOnly.contains("task1"), tasksOnly);
    }

    @Test
    void aHintIsPrintedOnceUnderItsRow() {
        TaskGrade hinted = new TaskGrade("task1", false, 1.42, new double[] {0.9, 0.7}, new double[] {0.9, 0.8}, null, null,
                Double.NaN, Text.of("task.departure", 1, "0.7", "0.8"), null, Hint.of("loss-not-mean", 4), null);
        String console = ConsoleReport.render(new GradeReport(List.of(), List.of(hinted), List.of()), Locale.ENGLISH);

        assertEquals(1, console.lines().filter(line -> line.contains("hint: ")).count(), console);
    }

    @Test
    void widthCountsWhatATerminalDisplays() {
        assertEquals(11, Columns.width("погрешность"));
        assertEquals(1, Columns.width("e\u0301"));
        assertEquals(4, Columns.width("表格"));
        assertEquals(5, Columns.width("dZᵀ·X"));
    }
}
