package io.cnnhomework.grader.dashboard;

import io.cnnhomework.grader.report.Inert;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's charts as inline SVG, drawn here so that the page needs no chart library and
 * no request: a histogram and horizontal bars. Every label is escaped; colours come from the
 * page's style sheet by class.
 */
final class Svg {

    /**
     * One horizontal bar.
     *
     * @param label what it is, e.g. {@code Conv · conv_task1}
     * @param fraction its length, 0 to 1
     * @param text the number written beside it, e.g. {@code 24 of 30 (80 %)}
     * @param group a CSS class for its colour
     */
    record Bar(String label, double fraction, String text, String group) {
    }

    private static final int WIDTH = 720;

    private Svg() {
    }

    /**
     * @param counts one count per bin, left to right
     * @param labels one label per bin, or every other one blank
     * @param title what the chart shows, for screen readers and the tooltip
     * @param marker a vertical line at this fraction of the x axis (a threshold), or NaN for none
     * @param markerLabel the line's label
     * @return a column chart
     */
    static String histogram(int[] counts, List<String> labels, String title, double marker, String markerLabel) {
        int height = 220;
        int left = 40;
        int bottom = 40;
        int top = 16;
        int plotWidth = WIDTH - left - 10;
        int plotHeight = height - bottom - top;
        int most = 1;
        for (int count : counts) {
            most = Math.max(most, count);
        }
        StringBuilder svg = open(WIDTH, height, title);
        double width = (double) plotWidth / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double barHeight = (double) plotHeight * counts[i] / most;
            double x = left + i * width;
            double y = top + plotHeight - barHeight;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    x + 1, y, Math.max(1, width - 2), barHeight, Inert.html(labels.get(i)), counts[i]));
            if (counts[i] > 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"count\" x=\"%.1f\" y=\"%.1f\">%d</text>", x + width / 2, y - 3,
                        counts[i]));
            }
            if (!labels.get(i).isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%s</text>", x + width / 2,
                        top + plotHeight + 16, Inert.html(labels.get(i))));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"frame\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, top + plotHeight,
                left + plotWidth, top + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">%d</text>", left - 16, top + 10, most));
        if (!Double.isNaN(marker)) {
            double x = left + marker * plotWidth;
            svg.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, top, x,
                    top + plotHeight));
            // the label on the side of the line with room for it
            boolean right = marker < 0.8;
            svg.append(String.format(Locale.ROOT, "<text class=\"marker-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                    right ? x + 4 : x - 4, top + 10, right ? "start" : "end", Inert.html(markerLabel)));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * @param bars the bars, top to bottom
     * @param title what the chart shows
     * @return a horizontal bar chart, one row per bar with its label on the left and its text on the right
     */
    static String bars(List<Bar> bars, String title) {
        int row = 22;
        int labelWidth = 290;
        int textWidth = 150;
        int plotWidth = WIDTH - labelWidth - textWidth;
        int height = Math.max(row, bars.size() * row + 6);
        StringBuilder svg = open(WIDTH, height, title);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 3 + i * row;
            double length = Math.max(0, Math.min(1, bar.fraction())) * plotWidth;
            svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>", labelWidth - 8, y + 15,
                    Inert.html(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", labelWidth, y + 3,
                    plotWidth, row - 6));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s: %s</title></rect>",
                    Inert.html(bar.group()), labelWidth, y + 3, length, row - 6, Inert.html(bar.label()), Inert.html(bar.text())));
            svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%d\" y=\"%d\">%s</text>", labelWidth + plotWidth + 8, y + 15,
                    Inert.html(bar.text())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Inert.html(title)));
    }
}
