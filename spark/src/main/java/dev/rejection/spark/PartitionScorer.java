package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores one partition: reads its rows a batch at a time, classifies the batch's texts in one detector call, and
 * yields each input row followed by the {@link RejectionColumns}. Every input row comes out, in order; a row whose
 * text cannot be scored gets null scores and the reason in {@code rejection_error}.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private final DetectorSpec spec;
    private final int textIndex;
    private final String textColumn;
    /** Why no row can be scored (the column is not a string column), or null. */
    private final String columnProblem;
    private final int rowsPerBatch;

    PartitionScorer(DetectorSpec spec, int textIndex, String textColumn, String columnProblem, int rowsPerBatch) {
        this.spec = spec;
        this.textIndex = textIndex;
        this.textColumn = textColumn;
        this.columnProblem = columnProblem;
        this.rowsPerBatch = rowsPerBatch;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        // a column that is not text needs no model: do not load one on the executors just to report that
        RejectionDetector detector = columnProblem == null ? ExecutorDetectors.get(spec) : null;
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && rows.hasNext()) {
                    batch = score(detector, take(rows)).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private List<Row> take(Iterator<Row> rows) {
        List<Row> batch = new ArrayList<>(rowsPerBatch);
        while (batch.size() < rowsPerBatch && rows.hasNext()) {
            batch.add(rows.next());
        }
        return batch;
    }

    private List<Row> score(RejectionDetector detector, List<Row> batch) {
        Object[][] added = new Object[batch.size()][];
        List<Integer> scored = new ArrayList<>(batch.size());
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String problem = columnProblem != null ? columnProblem
                    : RejectionColumns.problem(batch.get(i).get(textIndex), "column " + textColumn);
            if (problem != null) {
                added[i] = RejectionColumns.failed(problem);
            } else {
                scored.add(i);
                texts.add(batch.get(i).getString(textIndex));
            }
        }
        List<Object[]> results = classify(detector, texts);
        for (int k = 0; k < scored.size(); k++) {
            added[scored.get(k)] = results.get(k);
        }
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(append(batch.get(i), added[i]));
        }
        return out;
    }

    /** The batch in one call; if the model fails on it, each text alone, so that one bad text fails only itself. */
    private static List<Object[]> classify(RejectionDetector detector, List<String> texts) {
        List<Object[]> results = new ArrayList<>(texts.size());
        if (texts.isEmpty()) {
            return results;
        }
        try {
            for (Verdict verdict : detector.classify(texts)) {
                results.add(RejectionColumns.of(verdict));
            }
            return results;
        } catch (RuntimeException batchFailure) {
            results.clear();
            for (String text : texts) {
                try {
                    results.add(RejectionColumns.of(detector.classify(text)));
                } catch (RuntimeException e) {
                    results.add(RejectionColumns.failed("the model failed on this text: " + e));
                }
            }
            return results;
        }
    }

    private static Row append(Row row, Object[] added) {
        Object[] values = new Object[row.length() + added.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(added, 0, values, row.length(), added.length);
        return RowFactory.create(values);
    }
}
