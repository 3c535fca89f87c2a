package dev.rejection.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for every test class in the JVM: starting Spark costs seconds, so the tests share it.
 * Two worker threads, as on CI's two cores, so that partitions really run concurrently against one detector.
 */
final class SharedSpark {
    private static SparkSession spark;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("rejection-spark-tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", 4)
                    .getOrCreate();
        }
        return spark;
    }
}
