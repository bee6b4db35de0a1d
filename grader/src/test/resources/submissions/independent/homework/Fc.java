package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

// Linear layer written with explicit loops over the flat arrays.
public class Fc extends TrainableLayer {

    private float[] lastX;
    private int rows;

    public Fc(Tensor W, Tensor b) {
        super(W, b);
    }

    @Override
    public Tensor forward(Tensor X) {
        rows = X.size(0);
        int nIn = W.size(1);
        int nOut = W.size(0);
        lastX = X.toArray();
        float[] w = W.toArray();
        float[] bias = b.toArray();
        float[] z = new float[rows * nOut];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < nOut; o++) {
                double acc = bias[o];
                for (int k = 0; k < nIn; k++) {
                    acc += (double) lastX[r * nIn + k] * w[o * nIn + k];
                }
                z[r * nOut + o] = (float) acc;
            }
        }
        return Tensor.of(z, rows, nOut);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        int nIn = W.size(1);
        int nOut = W.size(0);
        float[] g = dZ.toArray();
        float[] w = W.toArray();
        float[] gradIn = new float[rows * nIn];
        float[] gradW = new float[nOut * nIn];
        float[] gradB = new float[nOut];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < nIn; k++) {
                double acc = 0;
                for (int o = 0; o < nOut; o++) {
                    acc += (double) g[r * nOut + o] * w[o * nIn + k];
                }
                gradIn[r * nIn + k] = (float) acc;
            }
        }
        for (int o = 0; o < nOut; o++) {
            double biasAcc = 0;
            for (int r = 0; r < rows; r++) {
                biasAcc += g[r * nOut + o];
            }
            gradB[o] = (float) (biasAcc / rows);
            for (int k = 0; k < nIn; k++) {
                double acc = 0;
                for (int r = 0; r < rows; r++) {
                    acc += (double) g[r * nOut + o] * lastX[r * nIn + k];
                }
                gradW[o * nIn + k] = (float) (acc / rows);
            }
        }
        dW = Tensor.of(gradW, nOut, nIn);
        db = Tensor.of(gradB, nOut);
        return Tensor.of(gradIn, rows, nIn);
    }
}
