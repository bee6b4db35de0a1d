package io.cnnhomework.grader.report.plot;

import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.messages.Text;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The loss curves of one task as a PNG, like the notebook's {@code loss_history.plot()}: the loss
 * per epoch of PyTorch (solid) and of the student (dashed, only the epochs that ran), and for
 * task 3 the validation curves as well. A point that is NaN or infinite is left out, so that the
 * rest of the curve still shows.
 *
 * <p>Draws with Java2D only; works with {@code -Djava.awt.headless=true}.
 */
public final class LossCurvePlot {

    /** Width of the image in pixels. */
    public static final int WIDTH = 800;
    /** Height of the image in pixels. */
    public static final int HEIGHT = 450;

    /** The notebook's (pandas') first four line colours: PyTorch blue, student orange, then green and red. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

    /** Ratio of the largest to the smallest loss above which the loss axis turns logarithmic. */
    static final double LOG_SCALE_RATIO = 1e3;


    private LossCurvePlot() {
    }

    /**
     * @param grade a task's verdict
     * @param locale the language of the title, axes and legend
     * @return the chart as PNG bytes, {@value #WIDTH}×{@value #HEIGHT}
     */
    public static byte[] png(TaskGrade grade, Locale locale) {
        BufferedImage image = chart(grade, locale).createBufferedImage(WIDTH, HEIGHT);
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            // Encoding into memory has no I/O that can fail.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param grade a task's verdict
     * @param locale the language of the series names
     * @return the curves: PyTorch, student, and for task 3 their validation twins; x is the epoch
     *     from 0, non-finite losses are left out
     */
    public static XYSeriesCollection dataset(TaskGrade grade, Locale locale) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(series(word("plot.series.expected", locale), grade.expected()));
        dataset.addSeries(series(word("plot.series.actual", locale), grade.actual()));
        if (grade.expectedVal() != null) {
            dataset.addSeries(series(word("plot.series.expected-val", locale), grade.expectedVal()));
            dataset.addSeries(series(word("plot.series.actual-val", locale),
                    grade.actualVal() == null ? new double[0] : grade.actualVal()));
        }
        return dataset;
    }

    static JFreeChart chart(TaskGrade grade, Locale locale) {
        XYSeriesCollection dataset = dataset(grade, locale);
        JFreeChart chart = ChartFactory.createXYLineChart(word("plot.title", locale, grade.id()),
                word("plot.axis.epoch", locale), word("plot.axis.loss", locale), dataset, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));

        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlinePaint(Color.GRAY);

        NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(true);
        ValueAxis loss;
        if (needsLogScale(dataset)) {
            LogAxis log = new LogAxis(plot.getRangeAxis().getLabel());
            log.setAutoRange(true);
            loss = log;
            plot.setRangeAxis(log);
        } else {
            NumberAxis linear = (NumberAxis) plot.getRangeAxis();
            linear.setAutoRangeIncludesZero(false);
            loss = linear;
        }
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (ValueAxis axis : new ValueAxis[] {epochs, loss}) {
            axis.setLabelFont(label);
            axis.setTickLabelFont(ticks);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Stroke solid = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        Stroke dashed = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            boolean student = i % 2 == 1;
            renderer.setSeriesPaint(i, COLOURS[i]);
            renderer.setSeriesStroke(i, student ? dashed : solid);
            // The student's markers are drawn larger and hollow, so that a curve lying exactly on
            // PyTorch's still shows.
            renderer.setSeriesShape(i, student ? new Rectangle2D.Double(-5, -5, 10, 10) : new Ellipse2D.Double(-3, -3, 6, 6));
            renderer.setSeriesShapesFilled(i, !student);
        }
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        plot.setRenderer(renderer);
        return chart;
    }

    /**
     * A student's curve that blows up (1e10 after a few epochs with the wrong sign in SGD) would
     * flatten PyTorch's into the axis; on a log scale both stay readable. The notebook's own curves
     * span less than two decades, so they keep the linear scale {@code loss_history.plot()} uses.
     */
    static boolean needsLogScale(XYSeriesCollection dataset) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            for (int i = 0; i < dataset.getItemCount(s); i++) {
                double y = dataset.getYValue(s, i);
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        return min > 0 && max / min > LOG_SCALE_RATIO;
    }

    private static XYSeries series(String name, double[] losses) {
        XYSeries series = new XYSeries(name, false, false);
        for (int epoch = 0; epoch < losses.length; epoch++) {
            if (Double.isFinite(losses[epoch])) {
                series.add(epoch, losses[epoch]);
            }
        }
        return series;
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }
}
