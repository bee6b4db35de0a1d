package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

// Direct convolution: six nested loops over images, filters, output positions and the window.
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
    private float[] xs;
    private int batch;
    private int inC;
    private int inH;
    private int inW;

    public Conv(Tensor W, Tensor b, int stride, int padding) {
        super(W, b);
        this.stride = stride;
        this.padding = padding;
    }

    private int outSize(int size, int k) {
        return (size + 2 * padding - k) / stride + 1;
    }

    /** The input value at a position of the zero-padded image. */
    private float pixel(int img, int ch, int row, int col) {
        int r = row - padding;
        int c = col - padding;
        if (r < 0 || c < 0 || r >= inH || c >= inW) {
            return 0f;
        }
        return xs[((img * inC + ch) * inH + r) * inW + c];
    }

    @Override
    public Tensor forward(Tensor X) {
        batch = X.size(0);
        inC = X.size(1);
        inH = X.size(2);
        inW = X.size(3);
        xs = X.toArray();
        int filters = W.size(0);
        int k = W.size(2);
        int oh = outSize(inH, k);
        int ow = outSize(inW, k);
        float[] kernel = W.toArray();
        float[] shift = b.toArray();
        float[] out = new float[batch * filters * oh * ow];
        int pos = 0;
        for (int img = 0; img < batch; img++) {
            for (int f = 0; f < filters; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = shift[f];
                        for (int ch = 0; ch < inC; ch++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    s += kernel[((f * inC + ch) * k + u) * k + v] * (double) pixel(img, ch, i * stride + u, j * stride + v);
                                }
                            }
                        }
                        out[pos++] = (float) s;
                    }
                }
            }
        }
        return Tensor.of(out, batch, filters, oh, ow);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        int filters = W.size(0);
        int k = W.size(2);
        int oh = dZ.size(2);
        int ow = dZ.size(3);
        float[] g = dZ.toArray();
        float[] kernel = W.toArray();
        double[] gw = new double[kernel.length];
        double[] gb = new double[filters];
        double[] gx = new double[xs.length];
        for (int img = 0; img < batch; img++) {
            for (int f = 0; f < filters; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double e = g[((img * filters + f) * oh + i) * ow + j];
                        gb[f] += e;
                        for (int ch = 0; ch < inC; ch++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int wi = ((f * inC + ch) * k + u) * k + v;
                                    gw[wi] += e * pixel(img, ch, i * stride + u, j * stride + v);
                                    int r = i * stride + u - padding;
                                    int c = j * stride + v - padding;
                                    if (r >= 0 && c >= 0 && r < inH && c < inW) {
                                        gx[((img * inC + ch) * inH + r) * inW + c] += e * kernel[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        dW = Tensor.of(scaled(gw, 1.0 / batch), W.shape());
        db = Tensor.of(scaled(gb, 1.0 / batch), filters);
        return Tensor.of(scaled(gx, 1.0), batch, inC, inH, inW);
    }

    private static float[] scaled(double[] values, double factor) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) (values[i] * factor);
        }
        return result;
    }
}
