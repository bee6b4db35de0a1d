package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

// Window means with loops; backward hands every window's gradient back in equal shares.
public class AvgPool implements Layer {

    private final int filterSize;
    private final int stride;
    private int[] in;

    public AvgPool(int filterSize, int stride) {
        this.filterSize = filterSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor X) {
        in = X.shape();
        int planes = in[0] * in[1];
        int h = in[2];
        int w = in[3];
        int oh = (h - filterSize) / stride + 1;
        int ow = (w - filterSize) / stride + 1;
        float[] src = X.toArray();
        float[] dst = new float[planes * oh * ow];
        double area = filterSize * filterSize;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double total = 0;
                    for (int u = 0; u < filterSize; u++) {
                        for (int v = 0; v < filterSize; v++) {
                            total += src[(p * h + i * stride + u) * w + j * stride + v];
                        }
                    }
                    dst[(p * oh + i) * ow + j] = (float) (total / area);
                }
            }
        }
        return Tensor.of(dst, in[0], in[1], oh, ow);
    }

    @Override
    public Tensor backward(Tensor dout) {
        int planes = in[0] * in[1];
        int h = in[2];
        int w = in[3];
        int oh = dout.size(2);
        int ow = dout.size(3);
        float[] g = dout.toArray();
        double[] back = new double[planes * h * w];
        double area = filterSize * filterSize;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double share = g[(p * oh + i) * ow + j] / area;
                    for (int u = 0; u < filterSize; u++) {
                        for (int v = 0; v < filterSize; v++) {
                            back[(p * h + i * stride + u) * w + j * stride + v] += share;
                        }
                    }
                }
            }
        }
        float[] result = new float[back.length];
        for (int i = 0; i < back.length; i++) {
            result[i] = (float) back[i];
        }
        return Tensor.of(result, in);
    }
}
