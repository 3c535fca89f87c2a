package dev.rejection.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: this build's version (filtered into a resource by Maven), the ONNX Runtime and the JVM. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IOException("version.properties missing from the class path: a broken build");
            }
            p.load(in);
        }
        return new String[] {
            "rejection " + p.getProperty("version"),
            "ONNX Runtime " + p.getProperty("onnxruntime") + ", Java " + Runtime.version() + " ("
                    + System.getProperty("java.vendor") + ")"
        };
    }
}
