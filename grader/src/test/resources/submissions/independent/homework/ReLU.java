package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

// max(0, x) element by element; the mask remembers where the input was strictly positive.
public class ReLU implements Layer {

    private boolean[] open;
    private int[] dims;

    @Override
    public Tensor forward(Tensor X) {
        dims = X.shape();
        float[] v = X.toArray();
        open = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            open[i] = v[i] > 0;
            if (!open[i]) {
                v[i] = 0;
            }
        }
        return Tensor.of(v, dims);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        float[] g = dZ.toArray();
        for (int i = 0; i < g.length; i++) {
            if (!open[i]) {
                g[i] = 0;
            }
        }
        return Tensor.of(g, dims);
    }
}
