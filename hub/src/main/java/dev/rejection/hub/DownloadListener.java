package dev.rejection.hub;

/**
 * Hears how a file download goes, e.g. to draw a progress bar. Called from the downloading thread; the library
 * itself is quiet ({@link #QUIET}).
 */
public interface DownloadListener {

    /** Hears nothing. */
    DownloadListener QUIET = new DownloadListener() {
    };

    /**
     * A download starts (or resumes).
     *
     * @param file       the file's path in the repository
     * @param totalBytes its full size, or -1 when unknown
     * @param fromByte   bytes already there from an interrupted download
     */
    default void started(String file, long totalBytes, long fromByte) {
    }

    /** {@code bytesDone} of the file are on disk. */
    default void progressed(String file, long bytesDone) {
    }

    /** The file is complete (it is checked after this). */
    default void finished(String file) {
    }
}
