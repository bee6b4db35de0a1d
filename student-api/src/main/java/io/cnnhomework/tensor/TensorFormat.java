package io.cnnhomework.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Tensor#toString()} in the format of PyTorch's default print options (precision 4,
 * threshold 1000, edge items 3, line width 80), so that a student can put the two printouts side
 * by side. The choice between integer ({@code 1.}), fixed ({@code 1.0000}) and scientific
 * ({@code 1.0000e-05}) notation follows {@code torch._tensor_str._Formatter}; decimal rounding is
 * round-half-even on the exact binary value, as Python's {@code format} does.
 */
final class TensorFormat {

    static final int PRECISION = 4;
    static final int THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;
    static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private final float[] values;
    private final int[] shape;
    private final int[] strides;
    private final boolean summarize;
    private boolean intMode = true;
    private boolean sciMode;
    private int maxWidth = 1;

    private TensorFormat(float[] values, int[] shape) {
        this.values = values;
        this.shape = shape;
        this.strides = Shapes.contiguousStrides(shape);
        this.summarize = values.length > THRESHOLD;
    }

    /** Formats row-major {@code values} of the given shape. */
    static String format(float[] values, int[] shape) {
        if (values.length == 0) {
            if (shape.length == 1) {
                return PREFIX + "[])";
            }
            StringBuilder size = new StringBuilder("(");
            for (int d = 0; d < shape.length; d++) {
                size.append(d == 0 ? "" : ", ").append(shape[d]);
            }
            return PREFIX + "[], size=" + size.append("))");
        }
        TensorFormat f = new TensorFormat(values, shape);
        f.chooseNotation();
        return PREFIX + f.tensorStr(0, 0, PREFIX.length()) + ")";
    }

    /** The element indices that will be printed: all, or the first and last edge items per dim. */
    private void collectShown(int depth, int base, List<Integer> out) {
        if (depth == shape.length) {
            out.add(base);
            return;
        }
        int n = shape[depth];
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS;
            }
            collectShown(depth + 1, base + i * strides[depth], out);
        }
    }

    private void chooseNotation() {
        List<Integer> shown = new ArrayList<>();
        collectShown(0, 0, shown);
        List<Float> nonzeroFinite = new ArrayList<>();
        for (int index : shown) {
            float v = values[index];
            if (Float.isFinite(v) && v != 0f) {
                nonzeroFinite.add(v);
            }
        }
        if (nonzeroFinite.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (float v : nonzeroFinite) {
            min = Math.min(min, Math.abs((double) v));
            max = Math.max(max, Math.abs((double) v));
            if (v != (float) Math.ceil(v)) {
                intMode = false;
            }
        }
        if (intMode) {
            sciMode = max / min > 1000.0 || max > 1.0e8;
        } else {
            sciMode = max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4;
        }
        for (float v : nonzeroFinite) {
            int width;
            if (sciMode) {
                width = scientific(v).length();
            } else if (intMode) {
                width = fixed(v, 0).length() + 1;
            } else {
                width = fixed(v, PRECISION).length();
            }
            maxWidth = Math.max(maxWidth, width);
        }
    }

    private String formatValue(float v) {
        String s;
        if (sciMode) {
            s = scientific(v);
        } else if (intMode) {
            s = fixed(v, 0);
            if (Float.isFinite(v)) {
                s += ".";
            }
        } else {
            s = fixed(v, PRECISION);
        }
        return s.length() >= maxWidth ? s : " ".repeat(maxWidth - s.length()) + s;
    }

    private String tensorStr(int depth, int base, int indent) {
        int rank = shape.length;
        if (rank == 0) {
            return formatValue(values[0]);
        }
        if (depth == rank - 1) {
            return vectorStr(base, indent);
        }
        int n = shape[depth];
        List<String> slices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                slices.add("...");
                i = n - EDGE_ITEMS;
            }
            slices.add(tensorStr(depth + 1, base + i * strides[depth], indent + 1));
        }
        String separator = "," + "\n".repeat(rank - depth - 1) + " ".repeat(indent + 1);
        return "[" + String.join(separator, slices) + "]";
    }

    private String vectorStr(int base, int indent) {
        int elementLength = maxWidth + 2;
        int perLine = Math.max(1, (LINE_WIDTH - indent) / elementLength);
        int n = shape[shape.length - 1];
        int stride = strides[shape.length - 1];
        List<String> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                data.add(" ...");
                i = n - EDGE_ITEMS;
            }
            data.add(formatValue(values[base + i * stride]));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) {
                sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
            }
            sb.append(data.get(i));
        }
        return sb.append(']').toString();
    }

    /** Python's {@code f"{v:.{digits}f}"}: exact binary value, round half to even. */
    static String fixed(float v, int digits) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0f && 1f / v < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code f"{v:.4e}"}, e.g. {@code 1.2346e+05}. */
    static String scientific(float v) {
        if (!Float.isFinite(v)) {
            return fixed(v, 0);
        }
        boolean negative = v < 0 || (v == 0f && 1f / v < 0);
        String digits;
        int exponent;
        if (v == 0f) {
            digits = "0".repeat(PRECISION + 1);
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs((double) v))
                    .round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            String unscaled = rounded.unscaledValue().toString();
            exponent = unscaled.length() - 1 - rounded.scale();
            digits = (unscaled + "0".repeat(PRECISION + 1)).substring(0, PRECISION + 1);
        }
        String exp = String.format("%02d", Math.abs(exponent));
        return (negative ? "-" : "") + digits.charAt(0) + "." + digits.substring(1)
                + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
