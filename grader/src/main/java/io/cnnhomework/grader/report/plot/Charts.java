package io.cnnhomework.grader.report.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** What every chart of the reports shares: white background, readable fonts, epochs on x. */
final class Charts {

    /** Width of an image in pixels. */
    static final int WIDTH = 800;
    /** Height of an image in pixels. */
    static final int HEIGHT = 450;
    /** Ratio of the largest to the smallest value above which the y axis turns logarithmic. */
    static final double LOG_SCALE_RATIO = 1e3;

    /** A log axis's tick labels: its values as written by hand ({@code 0.001}, {@code 1}, {@code 1e+06}). */
    static final NumberFormat DECADES = new DecimalFormat("0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT)) {
        @Override
        public StringBuffer format(double value, StringBuffer out, FieldPosition position) {
            if (value != 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-4)) {
                return out.append(String.format(Locale.ROOT, "%.0e", value).replace("e+0", "e+").replace("e-0", "e-"));
            }
            return super.format(value, out, position);
        }
    };

    private Charts() {
    }

    /**
     * A line chart over epochs; the y axis turns logarithmic when {@code logWhenWide} and the
     * values span more than {@link #LOG_SCALE_RATIO}.
     */
    static JFreeChart epochChart(String title, String epochLabel, String valueLabel, XYSeriesCollection dataset,
            boolean logWhenWide) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, epochLabel, valueLabel, dataset, PlotOrientation.VERTICAL,
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
        ValueAxis values;
        if (logWhenWide && needsLogScale(dataset)) {
            LogAxis log = new LogAxis(plot.getRangeAxis().getLabel());
            log.setAutoRange(true);
            // whole decades only, labelled as plain numbers: 0.01, 1, 100, not 10^-0.5
            log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            log.setNumberFormatOverride(DECADES);
            values = log;
            plot.setRangeAxis(log);
        } else {
            NumberAxis linear = (NumberAxis) plot.getRangeAxis();
            linear.setAutoRangeIncludesZero(false);
            values = linear;
        }
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (ValueAxis axis : new ValueAxis[] {epochs, values}) {
            axis.setLabelFont(label);
            axis.setTickLabelFont(ticks);
        }
        return chart;
    }

    static byte[] png(JFreeChart chart) {
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            // Encoding into memory has no I/O that can fail.
            throw new UncheckedIOException(e);
        }
    }

    /** A curve with x the epoch from 0; NaN and infinite points are left out. */
    static XYSeries series(String name, double[] values) {
        XYSeries series = new XYSeries(name, false, false);
        for (int epoch = 0; epoch < values.length; epoch++) {
            if (Double.isFinite(values[epoch])) {
                series.add(epoch, values[epoch]);
            }
        }
        return series;
    }

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
}
