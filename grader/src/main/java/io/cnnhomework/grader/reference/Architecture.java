package io.cnnhomework.grader.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter shapes of the notebook's reference networks, to check a model file against.
 */
final class Architecture {

    private Architecture() {
    }

    /**
     * @param model {@code TorchGradientModel} or {@code TorchGradientModel2}
     * @param inputSize image side
     * @param numClasses output classes
     * @return initializer name to expected shape, or {@code null} for an unknown model
     */
    static Map<String, List<Integer>> initializerShapes(String model, int inputSize, int numClasses) {
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        switch (model) {
            case "TorchGradientModel" -> {
                int side = inputSize - 4;
                shapes.put("conv1.weight", List.of(4, 1, 5, 5));
                shapes.put("conv1.bias", List.of(4));
                shapes.put("fc1.weight", List.of(numClasses, 4 * side * side));
                shapes.put("fc1.bias", List.of(numClasses));
            }
            case "TorchGradientModel2" -> {
                int side = (inputSize - 2) / 2;
                shapes.put("conv1.weight", List.of(4, 1, 3, 3));
                shapes.put("conv1.bias", List.of(4));
                shapes.put("bn1.weight", List.of(4));
                shapes.put("bn1.bias", List.of(4));
                shapes.put("bn1.running_mean", List.of(4));
                shapes.put("bn1.running_var", List.of(4));
                shapes.put("fc1.weight", List.of(numClasses, 4 * side * side));
                shapes.put("fc1.bias", List.of(numClasses));
            }
            default -> {
                return null;
            }
        }
        return shapes;
    }
}
