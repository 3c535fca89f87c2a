package dev.rejection.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import dev.rejection.model.FileRegion;
import dev.rejection.model.ModelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A transformer encoder in ONNX, run by ONNX Runtime: one {@link OrtSession} per model, shared by all threads
 * ({@code OrtSession.run} is thread-safe), on the process-wide {@link OrtEnvironment} ({@link OrtRuntime}).
 *
 * <p>The graph's declared inputs decide what is fed: {@code input_ids}, and {@code attention_mask} and
 * {@code token_type_ids} when the graph has them (int64 or int32). A graph that needs anything else is rejected at
 * load. The output read is {@code logits} when the graph has it, else its first output.
 *
 * <p>{@link #close} waits for the calls running on the session and refuses later ones: ONNX Runtime frees the
 * session at once, and a native call still running on it would crash the process.
 */
public final class OnnxModel implements AutoCloseable {
    /** Inputs a text encoder can be given, by the names Hugging Face's ONNX exports use. */
    public static final List<String> SUPPORTED_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

    private static final Set<String> DYNAMIC_QUANTIZATION_OPS =
            Set.of("DynamicQuantizeLinear", "MatMulInteger", "DynamicQuantizeMatMul");

    private final String source;
    private final OrtSession session;
    private final Map<String, OnnxJavaType> inputs; // declared inputs with their element type
    private final String outputName;
    private final Set<String> opTypes;
    private final Loaded loaded;
    /** Calls hold it shared, {@link #close} alone; {@code closed} is read and written under it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** How a session was made from a file: its weights read in place, its last layer narrowed to the first token. */
    private record Loaded(boolean inPlace, boolean firstTokenOnly) {
        static final Loaded AS_GIVEN = new Loaded(false, false);
    }

    private OnnxModel(String source, OrtSession session, Set<String> opTypes, Loaded loaded) throws OrtException {
        this.loaded = loaded;
        this.source = source;
        this.session = session;
        this.opTypes = Set.copyOf(opTypes);
        this.inputs = declaredInputs(source, session);
        Set<String> outputs = session.getOutputNames();
        this.outputName = outputs.contains("logits") ? "logits" : outputs.iterator().next();
    }

    /**
     * Loads an ONNX file, its weights read in place ({@link InPlaceGraph}).
     *
     * @param intraOpThreads threads one inference may use; 0 or less means all available cores
     * @throws ModelException naming the file when it cannot be read or is not a usable ONNX graph
     */
    public static OnnxModel load(Path file, int intraOpThreads) {
        return load(file, intraOpThreads, false);
    }

    /**
     * As {@link #load(Path, int)} for a sequence classifier: when the graph reads only the first token of its last
     * hidden state, the last layer is computed for that token alone (the same logits, less work). Not in a
     * dynamically quantized graph: its query projection quantizes its input with one scale for all the tokens it
     * gets, so narrowing it after quantization would move the logits ({@code rejection quantize} narrows first).
     */
    public static OnnxModel loadClassifier(Path file, int intraOpThreads) {
        return load(file, intraOpThreads, true);
    }

    /**
     * As {@link #loadClassifier(Path, int)} for a graph that lies in part of a file: an entry stored uncompressed in
     * a jar (the embedded default), whose weights ONNX Runtime then reads from the jar file in place.
     *
     * @param source names the graph in messages
     */
    public static OnnxModel loadClassifier(FileRegion region, String source, int intraOpThreads) {
        try {
            return load(region, source, intraOpThreads, true);
        } catch (IOException e) {
            throw new ModelException("cannot read ONNX model " + source + " in " + region.file() + ": " + e, e);
        } catch (OrtException e) {
            throw new ModelException("cannot load ONNX model " + source + ": " + e.getMessage(), e);
        }
    }

    private static OnnxModel load(Path file, int intraOpThreads, boolean narrowLastLayer) {
        try {
            return load(new FileRegion(file, 0, Files.size(file)), file.toString(), intraOpThreads, narrowLastLayer);
        } catch (IOException e) {
            throw new ModelException("cannot read ONNX model file " + file + ": " + e, e);
        } catch (OrtException e) {
            throw new ModelException("cannot load ONNX model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static OnnxModel load(FileRegion region, String source, int intraOpThreads, boolean narrowLastLayer)
            throws IOException, OrtException {
        ByteBuffer bytes = region.map();
        Set<String> opTypes = readOpTypes(bytes);
        Optional<InPlaceGraph> inPlace = InPlaceGraph.of(region.file().toRealPath(), bytes, region.offset(),
                narrowLastLayer && !dynamicallyQuantized(opTypes, source));
        OrtSession session = inPlace.map(graph -> inPlaceSession(graph, intraOpThreads)).orElse(null);
        Loaded loaded = session == null ? Loaded.AS_GIVEN : new Loaded(true, inPlace.get().firstTokenOnly());
        if (session == null) {
            try (OrtSession.SessionOptions options = sessionOptions(intraOpThreads)) {
                // a whole file by its path (ONNX Runtime finds external data beside it); part of one from the mapping
                session = region.offset() == 0 && region.length() == Files.size(region.file())
                        ? OrtRuntime.environment().createSession(region.file().toString(), options)
                        : OrtRuntime.environment().createSession(bytes, options);
            }
        }
        return wrap(source, session, opTypes, loaded);
    }

    /**
     * A session on the in-place graph, or null when ONNX Runtime refuses what we made of the file: the file is then
     * given to it as it is, so whatever the file holds, the outcome (or the error) is ONNX Runtime's own.
     */
    private static OrtSession inPlaceSession(InPlaceGraph graph, int intraOpThreads) {
        try (OrtSession.SessionOptions options = sessionOptions(intraOpThreads)) {
            options.addConfigEntry(InPlaceGraph.FOLDER_OPTION, graph.folder().toString());
            return OrtRuntime.environment().createSession(graph.graph(), options);
        } catch (OrtException refused) {
            return null;
        }
    }

    /**
     * Loads an ONNX graph from bytes (e.g. a classpath resource).
     *
     * @param source names the bytes in error messages
     */
    public static OnnxModel load(byte[] bytes, String source, int intraOpThreads) {
        OrtSession session;
        try (OrtSession.SessionOptions options = sessionOptions(intraOpThreads)) {
            session = OrtRuntime.environment().createSession(bytes, options);
        } catch (OrtException e) {
            throw new ModelException("cannot load ONNX model " + source + ": " + e.getMessage(), e);
        }
        return wrap(source, session, readOpTypes(ByteBuffer.wrap(bytes)), Loaded.AS_GIVEN);
    }

    /**
     * Loads an ONNX graph from a buffer; a direct one is read by ONNX Runtime in place, without a copy.
     *
     * @param source names the bytes in error messages
     */
    public static OnnxModel load(ByteBuffer bytes, String source, int intraOpThreads) {
        OrtSession session;
        try (OrtSession.SessionOptions options = sessionOptions(intraOpThreads)) {
            session = OrtRuntime.environment().createSession(bytes.duplicate(), options);
        } catch (OrtException e) {
            throw new ModelException("cannot load ONNX model " + source + ": " + e.getMessage(), e);
        }
        return wrap(source, session, readOpTypes(bytes), Loaded.AS_GIVEN);
    }

    private static OnnxModel wrap(String source, OrtSession session, Set<String> opTypes, Loaded loaded) {
        try {
            return new OnnxModel(source, session, opTypes, loaded);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof ModelException m ? m
                    : new ModelException("cannot inspect ONNX model " + source + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(intraOpThreads > 0 ? intraOpThreads
                    : Runtime.getRuntime().availableProcessors());
            // a BERT-style graph is a chain of layers: nothing for parallel branches to do
            options.setInterOpNumThreads(1);
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    /** Op types are a hint for batching only, so a graph whose bytes we cannot walk simply reports none. */
    private static Set<String> readOpTypes(ByteBuffer bytes) {
        try {
            return OnnxOpTypes.of(bytes);
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    private static Map<String, OnnxJavaType> declaredInputs(String source, OrtSession session) throws OrtException {
        Map<String, OnnxJavaType> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> entry : session.getInputInfo().entrySet()) {
            String name = entry.getKey();
            if (!SUPPORTED_INPUTS.contains(name)) {
                throw new ModelException("ONNX model " + source + " needs input '" + name + "', which a text "
                        + "classifier cannot provide; supported inputs: " + SUPPORTED_INPUTS);
            }
            OnnxJavaType type = entry.getValue().getInfo() instanceof TensorInfo t ? t.type : null;
            if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
                throw new ModelException("ONNX model " + source + ": input '" + name + "' must be an int64 or "
                        + "int32 tensor, found " + entry.getValue().getInfo());
            }
            inputs.put(name, type);
        }
        if (!inputs.containsKey("input_ids")) {
            throw new ModelException("ONNX model " + source + " has no 'input_ids' input; its inputs are "
                    + inputs.keySet());
        }
        return inputs;
    }

    /** Runs the model and returns its output as {@code [batch][numLabels]} logits. */
    public float[][] logits(TokenBatch batch) {
        Tensor out = run(batch);
        if (out.shape().length != 2) {
            throw new ModelException("ONNX model " + source + ": output '" + outputName + "' has shape "
                    + java.util.Arrays.toString(out.shape()) + ", expected [batch, labels] logits");
        }
        return out.rows();
    }

    /** Runs the model and returns its output tensor ({@code logits}, else the first output). */
    public Tensor run(TokenBatch batch) {
        return run(batch, List.of(outputName)).get(outputName);
    }

    /**
     * Runs the model and returns the named outputs (float tensors), e.g. intermediate values a rewritten graph
     * exposes to be measured.
     */
    public Map<String, Tensor> run(TokenBatch batch, List<String> outputs) {
        OrtEnvironment env = OrtRuntime.environment();
        long[] shape = {batch.batchSize(), batch.length()};
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, OnnxJavaType> input : inputs.entrySet()) {
                long[] values = switch (input.getKey()) {
                    case "input_ids" -> batch.inputIds();
                    case "attention_mask" -> batch.attentionMask();
                    default -> batch.typeIds();
                };
                feed.put(input.getKey(), input.getValue() == OnnxJavaType.INT64
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape)
                        : OnnxTensor.createTensor(env, toInts(values), shape));
            }
            lock.readLock().lock();
            try (OrtSession.Result result = open().run(feed, new LinkedHashSet<>(outputs))) {
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                for (String name : outputs) {
                    OnnxTensor output = (OnnxTensor) result.get(name).orElseThrow();
                    FloatBuffer data = output.getFloatBuffer();
                    float[] values = new float[data.remaining()];
                    data.get(values);
                    tensors.put(name, new Tensor(values, output.getInfo().getShape()));
                }
                return tensors;
            } finally {
                lock.readLock().unlock();
            }
        } catch (OrtException e) {
            // the model's fault, not the caller's: a token id past its embeddings, an input it cannot take
            throw new ModelException("ONNX Runtime failed on model " + source + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static IntBuffer toInts(long[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = Math.toIntExact(values[i]);
        }
        return IntBuffer.wrap(ints);
    }

    /** The graph's inputs, as declared, that this model feeds. */
    public List<String> inputNames() {
        return new ArrayList<>(inputs.keySet());
    }

    /** The output that {@link #run} returns. */
    public String outputName() {
        return outputName;
    }

    /** Operator types of the graph's nodes (empty if the graph could not be walked). */
    public Set<String> opTypes() {
        return opTypes;
    }

    /**
     * True when the graph quantizes activations at run time ({@code DynamicQuantizeLinear}, {@code MatMulInteger}).
     * ONNX Runtime then picks one scale per input tensor, i.e. per batch, so a text's scores depend slightly on
     * its batch mates; such models are best run one text per call.
     */
    public boolean dynamicallyQuantized() {
        return dynamicallyQuantized(opTypes, source);
    }

    private static boolean dynamicallyQuantized(Set<String> opTypes, String source) {
        return opTypes.stream().anyMatch(DYNAMIC_QUANTIZATION_OPS::contains)
                || (opTypes.isEmpty() && source.toLowerCase(java.util.Locale.ROOT).contains("quantized"));
    }

    /**
     * The width of a {@code [batch, labels]} output when the graph fixes it: a classifier's number of logits per
     * text. Empty when the width is symbolic or the output is not such a matrix (an encoder's hidden states).
     */
    public OptionalLong outputWidth() {
        lock.readLock().lock();
        try {
            if (open().getOutputInfo().get(outputName).getInfo() instanceof TensorInfo t && t.getShape().length == 2) {
                long width = t.getShape()[1];
                return width > 0 ? OptionalLong.of(width) : OptionalLong.empty();
            }
            return OptionalLong.empty();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read the output of ONNX model " + source + ": " + e.getMessage(),
                    e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The session, for a caller holding the lock; a closed model says so. */
    private OrtSession open() {
        if (closed) {
            throw new IllegalStateException("ONNX model " + source + " is closed");
        }
        return session;
    }

    /** Whether the session reads the weights from the model file in place ({@link #load(Path, int)}). */
    public boolean weightsInPlace() {
        return loaded.inPlace();
    }

    /** Whether the last layer is computed for the first token only ({@link #loadClassifier(Path, int)}). */
    public boolean lastLayerFirstTokenOnly() {
        return loaded.firstTokenOnly();
    }

    /** Where the model was loaded from. */
    public String source() {
        return source;
    }

    /** Waits for the running calls, then frees the session; later calls are refused. Closing again does nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session for " + source, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + source + ", inputs " + inputs.keySet() + ", output " + outputName + "]";
    }
}
