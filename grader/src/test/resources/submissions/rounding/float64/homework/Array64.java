package homework;

import io.cnnhomework.tensor.Tensor;

/**
 * A tensor's values in double precision, row-major, with its shape. Every layer of this solution
 * computes in double; values become float only where the contract hands a Tensor back.
 */
record Array64(double[] data, int[] shape) {

    static Array64 of(Tensor tensor) {
        float[] values = tensor.toArray();
        double[] data = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return new Array64(data, tensor.shape());
    }

    static Array64 zeros(int... shape) {
        int n = 1;
        for (int size : shape) {
            n *= size;
        }
        return new Array64(new double[n], shape.clone());
    }

    Tensor tensor() {
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = (float) data[i];
        }
        return Tensor.of(values, shape);
    }

    int size(int dim) {
        return shape[dim];
    }

    Array64 reshape(int... newShape) {
        return new Array64(data, newShape.clone());
    }
}
