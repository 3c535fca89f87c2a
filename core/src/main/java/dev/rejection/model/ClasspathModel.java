package dev.rejection.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model packaged as classpath resources (the embedded default, or a folder in an application's jar):
 * {@code config.json}, {@code tokenizer.json}, an optional {@code tokenizer_config.json} and the ONNX graph. When
 * the graph lies in a file as it is (a folder on the class path, or an entry stored uncompressed in a jar, as the
 * embedded default's is) its {@link #onnxRegion()} says where, and ONNX Runtime reads the weights from there in
 * place; else its bytes are read into a direct buffer that ONNX Runtime reads in place (a heap array would be copied
 * for it: +57 MiB peak for the 23.5 MB default, measured). Nothing is written to disk: an earlier version copied
 * the folder into a temporary directory at every start, which a killed process left behind.
 *
 * <p>The files are checked as {@link ModelDir} checks a directory's, with messages that name the resource. A
 * classpath model's tokenizer is a {@code tokenizer.json} (the legacy vocabulary files need a directory).
 */
public final class ClasspathModel {
    private static final String CLASSPATH = "classpath:";

    private final String root;
    private final ModelConfig config;
    private final String tokenizerJson;
    private final OptionalInt modelMaxLength;
    private final String onnxName;
    private final ByteBuffer onnx;
    private final Optional<FileRegion> onnxRegion;

    private ClasspathModel(String root, ModelConfig config, String tokenizerJson, OptionalInt modelMaxLength,
                           String onnxName, ByteBuffer onnx, Optional<FileRegion> onnxRegion) {
        this.root = root;
        this.config = config;
        this.tokenizerJson = tokenizerJson;
        this.modelMaxLength = modelMaxLength;
        this.onnxName = onnxName;
        this.onnx = onnx;
        this.onnxRegion = onnxRegion;
    }

    /**
     * Reads the model in {@code resourceDir} (e.g. {@code "models/rejection"}).
     *
     * @param onnxFile the ONNX file relative to the resource folder, or null for {@code model.onnx}, else
     *                 {@code onnx/model.onnx}
     * @throws ModelException naming the resource that is missing or malformed
     */
    public static ClasspathModel read(String resourceDir, String onnxFile, ClassLoader loader) {
        String prefix = resourceDir.replaceAll("^/+|/+$", "");
        String root = CLASSPATH + prefix;
        String configJson = text(loader, prefix, "config.json").orElseThrow(() ->
                new ModelException("no model on the classpath at " + prefix + "/ (no config.json there)"));
        ModelConfig config = ModelDir.requireLabels(ModelConfig.parse(configJson, root + "/config.json"));
        String tokenizer = text(loader, prefix, "tokenizer.json").orElseThrow(() -> new ModelException(
                "no tokenizer.json in " + root + "/ (a model on the classpath needs one)"));
        OptionalInt maxLength = text(loader, prefix, "tokenizer_config.json")
                .map(json -> ModelDir.parseModelMaxLength(json, root + "/tokenizer_config.json"))
                .orElse(OptionalInt.empty());
        List<String> candidates = onnxFile != null ? List.of(onnxFile) : ModelDir.DEFAULT_ONNX_FILES;
        for (String candidate : candidates) {
            if (candidate.startsWith("/") || List.of(candidate.split("/", -1)).contains("..")) {
                throw new ModelException("ONNX file '" + candidate + "' must be a path inside " + root + "/");
            }
            URL url = loader.getResource(prefix + "/" + candidate);
            if (url == null) {
                continue;
            }
            Optional<FileRegion> region = FileRegion.of(url);
            ByteBuffer bytes = region.isPresent() ? mapped(region.get(), root + "/" + candidate)
                    : direct(url, root + "/" + candidate);
            return new ClasspathModel(root, config, tokenizer, maxLength, candidate, bytes, region);
        }
        throw new ModelException("ONNX model file not found on the classpath: " + root + "/"
                + String.join(" nor " + root + "/", candidates));
    }

    /** {@code classpath:{resourceDir}}, naming the model in messages. */
    public String root() {
        return root;
    }

    public ModelConfig config() {
        return config;
    }

    /** The text of {@code tokenizer.json}. */
    public String tokenizerJson() {
        return tokenizerJson;
    }

    /** Names {@code tokenizer.json} in messages. */
    public String tokenizerSource() {
        return root + "/tokenizer.json";
    }

    /** {@code model_max_length} from {@code tokenizer_config.json}, as {@link ModelDir#modelMaxLength()}. */
    public OptionalInt modelMaxLength() {
        return modelMaxLength;
    }

    /** Where the ONNX graph lies in a file as it is, when it does (then {@link #onnx()} maps it). */
    public Optional<FileRegion> onnxRegion() {
        return onnxRegion;
    }

    /** The ONNX graph's bytes, read-only, in a direct buffer. */
    public ByteBuffer onnx() {
        return onnx.duplicate();
    }

    /** Names the ONNX graph in messages. */
    public String onnxSource() {
        return root + "/" + onnxName;
    }

    private static Optional<String> text(ClassLoader loader, String prefix, String name) {
        return bytes(loader, prefix, name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static ByteBuffer mapped(FileRegion region, String name) {
        try {
            return region.map().asReadOnlyBuffer();
        } catch (IOException e) {
            throw new ModelException("cannot read " + name + " in " + region.file() + ": " + e.getMessage(), e);
        }
    }

    /** A resource in a direct buffer of its size, filled straight from the (inflating) stream. */
    private static ByteBuffer direct(URL url, String name) {
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                if (size < 0 || size > Integer.MAX_VALUE) {
                    byte[] all = in.readAllBytes();
                    return ByteBuffer.allocateDirect(all.length).put(all).flip().asReadOnlyBuffer();
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
                ReadableByteChannel channel = Channels.newChannel(in);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill
                }
                if (buffer.hasRemaining() || in.read() >= 0) {
                    throw new IOException("its size is not the " + size + " bytes announced");
                }
                return buffer.flip().asReadOnlyBuffer();
            }
        } catch (IOException e) {
            throw new ModelException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> bytes(ClassLoader loader, String prefix, String name) {
        try (InputStream in = loader.getResourceAsStream(prefix + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new ModelException("cannot read " + CLASSPATH + prefix + "/" + name + ": " + e.getMessage(), e);
        }
    }
}
