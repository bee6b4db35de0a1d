package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.report.JsonReport;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManualPointsTest {

    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        return Files.writeString(tmp.resolve("manual.csv"), text, StandardCharsets.UTF_8);
    }

    private static GradebookRow row(String id) {
        return GradebookRow.running(id, 3);
    }

    @Test
    void pointsAndCommentsGoToTheirRowsByIdInAnyCase() throws IOException {
        ManualPoints manual = ManualPoints.read(csv("id,points,comment\nAna,2.5,\"sigmoid, one output\"\nboris,,no answer\n"));

        GradebookRow ana = manual.apply(row("ana"));
        assertEquals(2.5, ana.manualPoints());
        assertEquals("sigmoid, one output", ana.manualComment());
        assertEquals(0.0, ana.score(), "the automatic score is not touched");
        assertTrue(Double.isNaN(manual.apply(row("boris")).manualPoints()));
        assertEquals("no answer", manual.apply(row("boris")).manualComment());
        GradebookRow other = row("vera").withManual(1, "earlier");
        assertEquals(other, manual.apply(other), "a student without a line keeps what an earlier run gave");
    }

    @Test
    void aSpreadsheetsExportWithSemicolonsDecimalCommasAndAByteOrderMarkIsRead() throws IOException {
        ManualPoints manual = ManualPoints.read(csv("\uFEFFComment;ID;Points;Name\r\n\"хорошо; полно\";ana;1,5;Анна\r\n\r\n"));

        assertEquals(1.5, manual.apply(row("ana")).manualPoints());
        assertEquals("хорошо; полно", manual.apply(row("ana")).manualComment());
    }

    @Test
    void aLineWithNeitherPointsNorCommentClearsThem() throws IOException {
        ManualPoints manual = ManualPoints.read(csv("id,points,comment\nana,,\n"));

        GradebookRow cleared = manual.apply(row("ana").withManual(3, "old"));

        assertTrue(Double.isNaN(cleared.manualPoints()));
        assertEquals("", cleared.manualComment());
    }

    @Test
    void badLinesAreNamedByFileAndLine() throws IOException {
        assertBad("id,points\nana,3\nboris,three\n", "manual.csv:3: points \"three\" of boris is not a number");
        assertBad("id,points\nana,NaN\n", "manual.csv:2: points \"NaN\" of ana is not a number");
        assertBad("id,points,comment\nana,1,\"two\nlines\"\nana,2,x\n", "manual.csv:4: id ana again (first on line 2)");
        assertBad("id,points\nana,1,extra\n", "manual.csv:2: 3 fields, the header has 2");
        assertBad("id,points\n,1\n", "manual.csv:2: no id");
        assertBad("student,points\nana,1\n", "manual.csv:1: the header must name the columns id and points (and comment), not student,points");
        assertBad("", "manual.csv: an empty file; the first line names the columns id,points,comment");
    }

    @Test
    void aFileInAnotherEncodingIsNamed() throws IOException {
        Files.write(tmp.resolve("manual.csv"), "id,points,comment\nana,1,хорошо\n".getBytes(Charset.forName("windows-1251")));

        IOException e = assertThrows(IOException.class, () -> ManualPoints.read(tmp.resolve("manual.csv")));

        assertEquals(tmp.resolve("manual.csv") + ": not UTF-8 text; save the CSV as UTF-8", e.getMessage());
    }

    private void assertBad(String text, String message) throws IOException {
        Path file = csv(text);

        IOException e = assertThrows(IOException.class, () -> ManualPoints.read(file));

        assertEquals(tmp + "/" + message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void idsWithoutASubmissionAreNamedWithTheirLines() throws IOException {
        ManualPoints manual = ManualPoints.read(csv("id,points\nana,1\nbob,2\neve,3\n"));

        assertEquals(Optional.of("warning: " + tmp.resolve("manual.csv") + ": no submission for 2 id(s): bob (line 3), eve (line 4)"),
                manual.unknown(List.of("ANA", "boris")));
        assertEquals(Optional.empty(), manual.unknown(List.of("ana", "bob", "eve")));
    }

    @Test
    void reportsOfABatchGetTheirManualSectionAndKeepEverythingElse() throws IOException {
        Path out = tmp.resolve("graded");
        Path report = out.resolve("submissions/ana/report.json");
        Files.createDirectories(report.getParent());
        ObjectNode tree = new ObjectMapper().createObjectNode().put("score", 40.0);
        JsonReport.write(tree, report);
        ManualPoints manual = ManualPoints.read(csv("id,points,comment\nana,2,ok\nbob,1,x\n"));

        assertEquals(1, manual.applyToReports(out, List.of("ana", "bob")));

        JsonNode updated = new ObjectMapper().readTree(report.toFile());
        assertEquals(40.0, updated.get("score").asDouble());
        assertEquals(2.0, updated.get("manual").get("points").asDouble());
        assertEquals("ok", updated.get("manual").get("comment").asText());
    }
}
