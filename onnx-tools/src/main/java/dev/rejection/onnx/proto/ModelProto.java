package dev.rejection.onnx.proto;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX model file: a graph plus the IR version and operator sets it needs.
 *
 * <p>{@link #read(Path)} memory-maps the file, so the initializers' data are views of the file, not copies;
 * {@link #write(Path)} streams to a temporary file beside the target and moves it into place, so a model may be
 * read, rewritten and written back to the same path. One protobuf message is limited to 2 GB, external data is
 * not supported.
 *
 * @param irVersion     the ONNX IR version (8 for opset 17)
 * @param opsetImports  operator sets: domain ("" for ONNX) and version
 * @param producerName  the tool that wrote the model
 * @param producerVersion its version
 * @param graph         the graph
 * @param metadataProps free-form key/value metadata
 * @param extra         fields this class does not model (domain, model_version, doc_string, functions...),
 *                      kept verbatim so a read-modify-write loses nothing
 */
public record ModelProto(long irVersion, List<OpsetId> opsetImports, String producerName, String producerVersion,
                         GraphProto graph, List<Entry> metadataProps, byte[] extra) {

    /** {@code OperatorSetIdProto}. */
    public record OpsetId(String domain, long version) {
    }

    /** {@code StringStringEntryProto}. */
    public record Entry(String key, String value) {
    }

    public ModelProto {
        Objects.requireNonNull(graph, "graph");
        opsetImports = List.copyOf(opsetImports);
        metadataProps = List.copyOf(metadataProps);
        producerName = producerName == null ? "" : producerName;
        producerVersion = producerVersion == null ? "" : producerVersion;
    }

    /** A model of {@code graph} using the default ONNX operator set {@code opset}. */
    public static ModelProto of(GraphProto graph, long irVersion, long opset, String producerName) {
        return new ModelProto(irVersion, List.of(new OpsetId("", opset)), producerName, "", graph, List.of(),
                new byte[0]);
    }

    /** The same model with another graph (a rewrite). */
    public ModelProto withGraph(GraphProto newGraph) {
        return new ModelProto(irVersion, opsetImports, producerName, producerVersion, newGraph, metadataProps, extra);
    }

    /** Reads an ONNX file; errors name the file and byte offset. */
    public static ModelProto read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new IOException(file + ": " + ch.size() + " bytes is over the 2 GB protobuf limit");
            }
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return parse(mapped, file.toString());
        }
    }

    /** Parses a serialized model; {@code source} names it in error messages. */
    public static ModelProto parse(ByteBuffer bytes, String source) {
        return read(new WireReader(bytes, source));
    }

    public static ModelProto parse(byte[] bytes, String source) {
        return parse(ByteBuffer.wrap(bytes), source);
    }

    /** Writes the model to {@code file} (via a temporary file and a move). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Streams the serialized model; the caller owns (and closes) {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        long size = WireWriter.sizeOf(this::writeTo);
        if (size > Integer.MAX_VALUE) {
            throw new IOException("model is " + size + " bytes, over the 2 GB protobuf limit");
        }
        writeTo(WireWriter.to(out));
    }

    /** The serialized model, in an array of exactly its size (tensor data copied in bulk). */
    public byte[] toByteArray() {
        long size = WireWriter.sizeOf(this::writeTo);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("model is " + size + " bytes, too large for one array");
        }
        byte[] bytes = new byte[(int) size];
        WireWriter writer = WireWriter.into(bytes);
        try {
            writeTo(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array cannot fail", e);
        }
        if (writer.written() != size) {
            throw new IllegalStateException("wrote " + writer.written() + " bytes of a model measured at " + size);
        }
        return bytes;
    }

    /** The version of operator set {@code domain} ("" for ONNX) this model imports, or -1. */
    public long opset(String domain) {
        return opsetImports.stream().filter(o -> o.domain().equals(domain)).mapToLong(OpsetId::version)
                .findFirst().orElse(-1);
    }

    @Override
    public String toString() {
        return "ModelProto[ir " + irVersion + ", " + opsetImports + ", " + graph + "]";
    }

    // ---- wire format (onnx.proto ModelProto) ----

    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;

    private void writeTo(WireWriter w) throws IOException {
        w.int64(IR_VERSION, irVersion);
        w.optionalString(PRODUCER_NAME, producerName);
        w.optionalString(PRODUCER_VERSION, producerVersion);
        w.message(GRAPH, graph::writeTo);
        for (OpsetId o : opsetImports) {
            w.message(OPSET_IMPORT, m -> {
                m.optionalString(OPSET_DOMAIN, o.domain());
                m.int64(OPSET_VERSION, o.version());
            });
        }
        for (Entry e : metadataProps) {
            w.message(METADATA_PROPS, m -> {
                m.string(KEY, e.key());
                m.string(VALUE, e.value());
            });
        }
        w.raw(extra);
    }

    private static ModelProto read(WireReader r) {
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        GraphProto graph = null;
        List<OpsetId> opsets = new ArrayList<>();
        List<Entry> metadata = new ArrayList<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case IR_VERSION -> irVersion = r.varint();
                case PRODUCER_NAME -> producerName = r.string();
                case PRODUCER_VERSION -> producerVersion = r.string();
                case GRAPH -> graph = GraphProto.read(r.message());
                case OPSET_IMPORT -> {
                    WireReader m = r.message();
                    String domain = "";
                    long version = 0;
                    while (m.next()) {
                        switch (m.field()) {
                            case OPSET_DOMAIN -> domain = m.string();
                            case OPSET_VERSION -> version = m.varint();
                            default -> m.skip();
                        }
                    }
                    opsets.add(new OpsetId(domain, version));
                }
                case METADATA_PROPS -> {
                    WireReader m = r.message();
                    String key = "";
                    String value = "";
                    while (m.next()) {
                        switch (m.field()) {
                            case KEY -> key = m.string();
                            case VALUE -> value = m.string();
                            default -> m.skip();
                        }
                    }
                    metadata.add(new Entry(key, value));
                }
                default -> r.keep(extra);
            }
        }
        if (graph == null) {
            throw r.error("model has no graph");
        }
        return new ModelProto(irVersion, opsets, producerName, producerVersion, graph, metadata, extra.toByteArray());
    }
}
