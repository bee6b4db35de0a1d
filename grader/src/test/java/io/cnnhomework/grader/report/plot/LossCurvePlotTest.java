package io.cnnhomework.grader.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.messages.Text;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class LossCurvePlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static TaskGrade task1(double... actual) {
        return new TaskGrade("task1", false, 0.1, new double[] {0.936, 0.71, 0.52}, actual, null, null, Double.NaN,
                Text.of("task.epochs", actual.length, 3), null, null, null);
    }

    private static TaskGrade task3(double[] actual, double[] actualVal) {
        return new TaskGrade("task3", true, 3e-6, new double[] {2.3, 2.1, 1.9}, actual, new double[] {2.31, 2.2, 2.0},
                actualVal, 6e-6, Text.of("task.passed-val", "3.00e-06", "1.00e-03", "6.00e-06"), null, null, null);
    }

    private static List<String> names(XYSeriesCollection dataset) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            names.add(dataset.getSeriesKey(i).toString());
        }
        return names;
    }

    private static List<double[]> points(XYSeries series) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < series.getItemCount(); i++) {
            points.add(new double[] {series.getX(i).doubleValue(), series.getY(i).doubleValue()});
        }
        return points;
    }

    @Test
    void pngIsAValidImageOfTheChartSizeRenderedHeadless() throws IOException {
        byte[] png = LossCurvePlot.png(task3(new double[] {2.3, 2.1, 1.9}, new double[] {2.31, 2.2, 2.0}), Locale.ENGLISH);

        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs the tests with java.awt.headless=true");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(LossCurvePlot.WIDTH, image.getWidth());
        assertEquals(LossCurvePlot.HEIGHT, image.getHeight());
    }

    @Test
    void pngRendersWhenTheStudentProducedNoEpoch() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(LossCurvePlot.png(task1(), Locale.ENGLISH)));

        assertEquals(LossCurvePlot.WIDTH, image.getWidth());
    }

    @Test
    void trainingTaskHasPyTorchAndStudentCurves() {
        XYSeriesCollection dataset = LossCurvePlot.dataset(task1(0.936, 0.71, 0.52), Locale.ENGLISH);

        assertEquals(List.of("PyTorch", "student"), names(dataset));
        assertEquals(List.of(0.0, 0.936), Arrays.stream(points(dataset.getSeries(0)).get(0)).boxed().toList());
        assertEquals(3, dataset.getSeries(1).getItemCount());
    }

    @Test
    void taskThreeAddsTheValidationCurves() {
        XYSeriesCollection dataset = LossCurvePlot.dataset(task3(new double[] {2.3, 2.1, 1.9}, new double[] {2.31, 2.2, 2.0}),
                Locale.ENGLISH);

        assertEquals(List.of("PyTorch", "student", "PyTorch (validation)", "student (validation)"), names(dataset));
        assertEquals(2.2, dataset.getSeries(2).getY(1).doubleValue());
    }

    @Test
    void studentCurveHasOnlyTheEpochsThatRan() {
        XYSeriesCollection dataset = LossCurvePlot.dataset(task3(new double[] {2.3}, null), Locale.ENGLISH);

        assertEquals(3, dataset.getSeries(0).getItemCount());
        assertEquals(1, dataset.getSeries(1).getItemCount());
        assertEquals(0, dataset.getSeries(3).getItemCount());
    }

    @Test
    void nonFiniteLossesAreLeftOutAndTheOtherEpochsKeepTheirPlace() {
        XYSeries student = LossCurvePlot.dataset(task1(0.936, Double.NaN, Double.POSITIVE_INFINITY), Locale.ENGLISH).getSeries(1);

        assertEquals(1, student.getItemCount());
        student = LossCurvePlot.dataset(task1(Double.NaN, 0.71, 0.52), Locale.ENGLISH).getSeries(1);
        assertEquals(List.of(1.0, 2.0), points(student).stream().map(p -> p[0]).toList());
    }

    @Test
    void studentCurveThatBlowsUpTurnsTheLossAxisLogarithmicSoPyTorchsStaysVisible() {
        assertInstanceOf(LogAxis.class, LossCurvePlot.chart(task1(0.936, 3e4, 6e9), Locale.ENGLISH).getXYPlot().getRangeAxis());
        assertInstanceOf(NumberAxis.class, LossCurvePlot.chart(task1(0.936, 0.71, 0.52), Locale.ENGLISH).getXYPlot().getRangeAxis());
        assertInstanceOf(NumberAxis.class, LossCurvePlot.chart(task1(-5e4, 0.71, 6e9), Locale.ENGLISH).getXYPlot().getRangeAxis(),
                "a negative loss cannot go on a log scale");
    }

    @Test
    void aLogarithmicAxisIsLabelledInWholeDecadesWrittenAsPlainNumbers() {
        for (double[] actual : List.of(new double[] {0.936, 3e4, 6e9}, new double[] {0.936, 0.05, 1e-5}, new double[] {0.9, 0.2, 4e-4})) {
            JFreeChart chart = LossCurvePlot.chart(task1(actual), Locale.ENGLISH);
            LogAxis axis = (LogAxis) chart.getXYPlot().getRangeAxis();
            BufferedImage image = new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g2 = image.createGraphics();
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g2, new Rectangle2D.Double(0, 0, Charts.WIDTH, Charts.HEIGHT), info);
            List<String> labels = new ArrayList<>();
            for (Object tick : axis.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), RectangleEdge.LEFT)) {
                AttributedString label = ((LogTick) tick).getAttributedLabel();
                if (label != null) {
                    StringBuilder text = new StringBuilder();
                    AttributedCharacterIterator characters = label.getIterator();
                    for (char c = characters.first(); c != CharacterIterator.DONE; c = characters.next()) {
                        text.append(c);
                    }
                    labels.add(text.toString());
                }
            }
            g2.dispose();
            assertTrue(labels.size() >= 2, Arrays.toString(actual) + ": " + labels);
            for (String label : labels) {
                assertTrue(label.matches("1(0*|e[+-]\\d+)|0\\.0*1"), Arrays.toString(actual) + ": " + labels);
            }
        }
        assertEquals("0.001", Charts.DECADES.format(1e-3));
        assertEquals("1e-5", Charts.DECADES.format(1e-5));
        assertEquals("1e+9", Charts.DECADES.format(1e9));
        assertEquals("100", Charts.DECADES.format(100));
    }
}
