package homework;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/** AdamW: the parameters shrink by lr · weight_decay before Adam's step, and g keeps no decay. */
public class AdamW extends Adam {

    public AdamW(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
