package dev.rejection.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model directory packed to travel from the driver to every executor, for clusters whose nodes share no file
 * system: a zip that Spark fetches into each executor once and unpacks into its {@code SparkFiles} root under a
 * {@linkplain #name name} made of the directory's and its content's checksum, where {@code sparkfiles:NAME}
 * ({@link DetectorSpec#shipped}) finds it.
 *
 * <p>Why a zip in {@code spark.archives}, found out on a standalone cluster of separate JVMs
 * ({@code spark/cluster/}):
 * <ul>
 *   <li>{@code SparkContext.addFile(dir, true)} refuses a local directory on any master but {@code local}
 *       ("addFile does not support local directories when not running local mode");</li>
 *   <li>{@code addFile} and {@code addArchive} called on a running Spark 4 context reach the driver but not the
 *       executors of SQL jobs: a session isolates its artifacts, and its jobs take only its own (and those the
 *       context started with). So the archive must be in the context's configuration when the session starts:
 *       {@link #conf()} for {@code SparkSession.builder().config(...)}, or {@code spark-submit --archives}.</li>
 * </ul>
 * The entries are stored, not deflated: model weights hardly compress, and the driver would spend seconds of CPU
 * trying.
 */
public final class ShippedModel {
    /** The configuration key that lists archives for every executor ({@code spark-submit --archives}). */
    public static final String ARCHIVES = "spark.archives";

    private final Path zip;
    private final String name;

    private ShippedModel(Path zip, String name) {
        this.zip = zip;
        this.name = name;
    }

    /**
     * Packs {@code modelDir} into a temporary zip (deleted when the JVM exits).
     *
     * @throws IllegalArgumentException when {@code modelDir} is not a directory
     */
    public static ShippedModel pack(Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the model to ship must be a local directory; " + modelDir
                    + " is not one");
        }
        try {
            Path staging = Files.createTempDirectory("rejection-ship-");
            staging.toFile().deleteOnExit();
            Path packed = staging.resolve("packing.zip");
            long content = zip(dir, packed);
            String name = name(dir, content);
            Path zip = Files.move(packed, staging.resolve(name + ".zip"));
            zip.toFile().deleteOnExit(); // registered after the folder, so deleted first
            return new ShippedModel(zip, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir + " to ship it", e);
        }
    }

    /**
     * The name the model goes by on the executors: the directory's (only letters, digits, {@code . _ -} kept, as
     * {@code spark.archives} is a comma-separated list of URIs with the name after {@code #}) and its content's
     * checksum. Each executor JVM keeps a detector per name ({@link ExecutorDetectors}), and a notebook's JVM
     * outlives its Spark sessions: by the folder's name alone, {@code /runs/b/model} shipped after
     * {@code /runs/a/model} would have been scored with the first.
     */
    static String name(Path dir, long content) {
        String folder = dir.getFileName() == null ? "model" : dir.getFileName().toString();
        String safe = folder.replaceAll("[^A-Za-z0-9._-]", "_");
        return (safe.isEmpty() || safe.startsWith(".") ? "model" + safe : safe)
                + String.format("-%08x", content & 0xFFFFFFFFL);
    }

    /** The model as {@link DetectorSpec} names it on the executors: {@code sparkfiles:NAME}. */
    public String model() {
        return DetectorSpec.SPARK_FILES + name;
    }

    /** The archive as {@code spark.archives} (or {@code --archives}) lists it: {@code file:/...zip#NAME}. */
    public String archive() {
        return zip.toUri() + "#" + name;
    }

    /** {@link #ARCHIVES} with this archive added to what {@code existing} (may be null) already lists. */
    public String conf(String existing) {
        return existing == null || existing.isBlank() ? archive() : existing + "," + archive();
    }

    /**
     * Makes sure a session that was started without this archive in its configuration has it, which works on a
     * local master only (there the driver's copy is the executors'): on a cluster, it fails, naming the way that
     * works.
     *
     * @throws IllegalStateException on a cluster whose session started without the archive
     */
    public void requireIn(SparkSession spark) {
        SparkContext context = spark.sparkContext();
        List<String> archives = CollectionConverters.asJava(context.listArchives());
        if (archives.stream().anyMatch(a -> a.endsWith("/" + zip.getFileName() + "#" + name))) {
            return;
        }
        if (!context.isLocal()) {
            throw new IllegalStateException("the model archive must be in " + ARCHIVES + " when the session starts "
                    + "(executors of a Spark 4 session see no archive added later): SparkSession.builder().config("
                    + ARCHIVES + ", ...) or spark-submit --archives " + archive());
        }
        context.addArchive(archive());
    }

    /**
     * Writes every regular file under {@code dir} into {@code zip}, named relative to {@code dir}; returns a checksum
     * of the files' names and contents.
     */
    static long zip(Path dir, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        CRC32 content = new CRC32();
        try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip)))) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(dir.relativize(file).toString().replace('\\', '/'));
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(Files.size(file));
                entry.setCrc(crc(file)); // a stored entry states its CRC before its bytes
                content.update((entry.getName() + "\0" + entry.getSize() + "\0" + entry.getCrc() + "\0")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.putNextEntry(entry);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return content.getValue();
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
