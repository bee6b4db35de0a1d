package homework;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.tensor.Tensor;

/**
 * Task 3's data: the notebook's {@code get_data_numbers()}.
 * Данные задания 3: {@code get_data_numbers()} из ноутбука.
 *
 * <ol>
 *   <li>Take the rows of {@code trainIndex} and of {@code valIndex}, in that order, and shape
 *       them as images {@code [N, 1, 8, 8]}. Взять строки по индексам и сделать изображения.</li>
 *   <li>Compute the mean and the unbiased standard deviation of all training pixels (two
 *       scalars, like task 1's {@code torch.mean(train_x)} and {@code torch.std(train_x)}).
 *       Среднее и несмещённое стандартное отклонение всех пикселей обучающей выборки.</li>
 *   <li>Normalise both splits with those training statistics: {@code (x − mean) / std}.</li>
 * </ol>
 */
public class DigitsPreparation implements DataPreparation {

    @Override
    public DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {
        throw new UnsupportedOperationException("DigitsPreparation.prepare: select the split, reshape to [N, 1, 8, 8], normalise by the training mean and std");
    }
}
