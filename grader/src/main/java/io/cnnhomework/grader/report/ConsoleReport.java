package io.cnnhomework.grader.report;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.TaskGrade;
import java.util.Locale;

/** A fixed-width table: task, status, summed error, and the one-line message. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    /**
     * @param report the grading result
     * @return the table, ending with a newline
     */
    public static String render(GradeReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s  %-6s  %-12s  %s%n", "task", "status", "summed error", "message"));
        for (TaskGrade task : report.tasks()) {
            out.append(String.format(Locale.ROOT, "%-6s  %-6s  %-12s  %s%n", task.id(), task.passed() ? "PASS" : "FAIL",
                    Double.isFinite(task.summedError()) ? String.format(Locale.ROOT, "%.3e", task.summedError()) : "-",
                    task.message()));
        }
        if (!report.compileErrors().isEmpty()) {
            out.append("compiler:").append(System.lineSeparator());
            report.compileErrors().stream().limit(20).forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
        }
        long passed = report.tasks().stream().filter(TaskGrade::passed).count();
        out.append(passed).append(" of ").append(report.tasks().size()).append(" tasks passed").append(System.lineSeparator());
        return out.toString();
    }
}
