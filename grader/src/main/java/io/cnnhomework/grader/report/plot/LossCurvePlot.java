package io.cnnhomework.grader.report.plot;

import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.messages.Text;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
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
    public static final int WIDTH = Charts.WIDTH;
    /** Height of the image in pixels. */
    public static final int HEIGHT = Charts.HEIGHT;

    /** The notebook's (pandas') first four line colours: PyTorch blue, student orange, then green and red. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

    private LossCurvePlot() {
    }

    /**
     * @param grade a task's verdict
     * @param locale the language of the title, axes and legend
     * @return the chart as PNG bytes, {@value #WIDTH}×{@value #HEIGHT}
     */
    public static byte[] png(TaskGrade grade, Locale locale) {
        return Charts.png("loss-curve", chart(grade, locale));
    }

    /**
     * @param grade a task's verdict
     * @param locale the language of the series names
     * @return the curves: PyTorch, student, and for task 3 their validation twins; x is the epoch
     *     from 0, non-finite losses are left out, and so are PyTorch's curves of a private
     *     reference set ({@link TaskGrade#showsReference()})
     */
    public static XYSeriesCollection dataset(TaskGrade grade, Locale locale) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        boolean reference = grade.showsReference();
        if (reference) {
            dataset.addSeries(Charts.series(word("plot.series.expected", locale), grade.expected()));
        }
        dataset.addSeries(Charts.series(word("plot.series.actual", locale), grade.actual()));
        if (grade.expectedVal() != null) {
            if (reference) {
                dataset.addSeries(Charts.series(word("plot.series.expected-val", locale), grade.expectedVal()));
            }
            dataset.addSeries(Charts.series(word("plot.series.actual-val", locale),
                    grade.actualVal() == null ? new double[0] : grade.actualVal()));
        }
        return dataset;
    }

    /**
     * A student's curve that blows up (1e10 after a few epochs with the wrong sign in SGD) would
     * flatten PyTorch's into the axis; on a log scale both stay readable. The notebook's own curves
     * span less than two decades, so they keep the linear scale {@code loss_history.plot()} uses.
     */
    static JFreeChart chart(TaskGrade grade, Locale locale) {
        XYSeriesCollection dataset = dataset(grade, locale);
        JFreeChart chart = Charts.epochChart(word("plot.title", locale, grade.id()), word("plot.axis.epoch", locale),
                word("plot.axis.loss", locale), dataset, true);
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
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }
}
