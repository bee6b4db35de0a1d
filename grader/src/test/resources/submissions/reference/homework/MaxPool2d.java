package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/**
 * Known-good max pooling. Scans the window's offsets in row-major order and keeps a new maximum
 * only when it is strictly greater, so ties go to the first maximum, as PyTorch's CPU kernel.
 */
public class MaxPool2d implements Layer {

    private final int kernelSize;
    private final int stride;
    private int[] inputShape;
    private Tensor argmax;

    public MaxPool2d(int kernelSize, int stride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor X) {
        inputShape = X.shape();
        int outH = (X.size(2) - kernelSize) / stride + 1;
        int outW = (X.size(3) - kernelSize) / stride + 1;
        Tensor best = null;
        for (int u = 0; u < kernelSize; u++) {
            for (int v = 0; v < kernelSize; v++) {
                Tensor candidate = offset(X, u, v, outH, outW);
                if (best == null) {
                    best = candidate.contiguous();
                    argmax = best.zerosLike();
                } else {
                    Tensor greater = candidate.gt(best);
                    best = Tensor.where(greater, candidate, best);
                    argmax = Tensor.where(greater, Tensor.scalar(u * kernelSize + v), argmax);
                }
            }
        }
        return best;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor dX = Tensor.zeros(inputShape);
        for (int u = 0; u < kernelSize; u++) {
            for (int v = 0; v < kernelSize; v++) {
                offset(dX, u, v, dout.size(2), dout.size(3)).addInPlace(dout.mul(argmax.eq(u * kernelSize + v)));
            }
        }
        return dX;
    }

    /** The input elements at offset (u, v) of every window: {@code X[:, :, u::s, v::s]}, one per window. */
    private Tensor offset(Tensor X, int u, int v, int outH, int outW) {
        return X.slice(2, u, u + (outH - 1) * stride + 1, stride).slice(3, v, v + (outW - 1) * stride + 1, stride);
    }
}
