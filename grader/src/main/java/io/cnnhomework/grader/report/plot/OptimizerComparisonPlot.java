package io.cnnhomework.grader.report.plot;

import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The optional task's optimizer comparison as two PNGs, one curve per run over the epochs: the
 * training loss, and the validation accuracy in percent. The own run is drawn thick and black.
 */
public final class OptimizerComparisonPlot {

    /** Matplotlib's tab10 colours for the comparison's runs. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private OptimizerComparisonPlot() {
    }

    /**
     * @param grade the optional task's verdict
     * @param locale the language of the title, axes and legend
     * @return the training loss of every run as PNG bytes
     */
    public static byte[] lossPng(OptionalGrade grade, Locale locale) {
        return Charts.png("optimizer-loss", chart(grade, locale, title(grade, true), "plot.axis.loss", TrainingRun::trainLoss, true));
    }

    /**
     * @param grade the optional task's verdict
     * @param locale the language of the title, axes and legend
     * @return the validation accuracy of every run, in percent, as PNG bytes
     */
    public static byte[] accuracyPng(OptionalGrade grade, Locale locale) {
        return Charts.png("optimizer-accuracy", chart(grade, locale, title(grade, false), "plot.axis.accuracy", OptimizerComparisonPlot::percent, false));
    }

    /**
     * @param grade the optional task's verdict
     * @param loss the training loss's chart, else the validation accuracy's
     * @return the title's key: a comparison only when there are runs to compare, else the own network's
     */
    public static String title(OptionalGrade grade, boolean loss) {
        if (grade.comparison().isEmpty()) {
            return loss ? "plot.own.loss" : "plot.own.accuracy";
        }
        return loss ? "plot.optional.loss" : "plot.optional.accuracy";
    }

    /**
     * @param grade the optional task's verdict
     * @param locale the language of the series names
     * @param values one curve of a run
     * @return the own run first, then the comparison's runs in order
     */
    static XYSeriesCollection dataset(OptionalGrade grade, Locale locale, Function<TrainingRun, double[]> values) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<TrainingRun> runs = new ArrayList<>();
        runs.add(grade.own());
        runs.addAll(grade.comparison());
        for (TrainingRun run : runs) {
            String name = run.name().equals(OptionalTask.OWN) ? Text.of("plot.series.own", simpleName(run.optimizer())).render(locale)
                    : run.name();
            dataset.addSeries(Charts.series(name, values.apply(run)));
        }
        return dataset;
    }

    static JFreeChart chart(OptionalGrade grade, Locale locale, String title, String axis, Function<TrainingRun, double[]> values,
            boolean logWhenWide) {
        XYSeriesCollection dataset = dataset(grade, locale, values);
        JFreeChart chart = Charts.epochChart(Text.of(title).render(locale), Text.of("plot.axis.epoch").render(locale),
                Text.of(axis).render(locale), dataset, logWhenWide);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            boolean own = i == 0;
            renderer.setSeriesPaint(i, own ? Color.BLACK : COLOURS[(i - 1) % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(own ? 3.5f : 2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    private static double[] percent(TrainingRun run) {
        double[] accuracy = run.valAccuracy().clone();
        for (int i = 0; i < accuracy.length; i++) {
            accuracy[i] *= 100;
        }
        return accuracy;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
