package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** max(0, x) element by element; the gradient passes where x &gt; 0. */
public class ReLU implements Layer {

    private float[] x;
    private int[] shape;

    @Override
    public Tensor forward(Tensor X) {
        x = X.toArray();
        shape = X.shape();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0f ? x[i] : 0f;
        }
        return Tensor.of(out, shape);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        float[] dz = dZ.toArray();
        float[] dx = new float[dz.length];
        for (int i = 0; i < dz.length; i++) {
            dx[i] = x[i] > 0f ? dz[i] : 0f;
        }
        return Tensor.of(dx, shape);
    }
}
