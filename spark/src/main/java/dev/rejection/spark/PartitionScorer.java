package dev.rejection.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores one partition: reads its rows a batch at a time, classifies the batch's texts in one detector call, and
 * yields each input row followed by the {@link RejectionColumns} of the spec's mode. Every input row comes out, in
 * order; a row whose text cannot be scored gets null scores and the reason in {@code rejection_error}.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private final DetectorSpec spec;
    private final int textIndex;
    private final String textColumn;
    /** Why no row can be scored (the column is not a string column), or null. */
    private final String columnProblem;
    private final int rowsPerBatch;
    /** The prompt column's index, or -1 when answers are read alone. */
    private final int promptIndex;

    PartitionScorer(DetectorSpec spec, int textIndex, String textColumn, String columnProblem, int rowsPerBatch,
                    int promptIndex) {
        this.promptIndex = promptIndex;
        this.spec = spec;
        this.textIndex = textIndex;
        this.textColumn = textColumn;
        this.columnProblem = columnProblem;
        this.rowsPerBatch = rowsPerBatch;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        // a column that is not text needs no model: do not load one on the executors just to report that
        TextScorer scorer = columnProblem == null ? TextScorer.of(spec, promptIndex >= 0) : null;
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && rows.hasNext()) {
                    batch = score(scorer, take(rows)).iterator();
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
        // not sized by rowsPerBatch, which may be Integer.MAX_VALUE (the whole partition in one call)
        List<Row> batch = new ArrayList<>(Math.min(rowsPerBatch, 1024));
        while (batch.size() < rowsPerBatch && rows.hasNext()) {
            batch.add(rows.next());
        }
        return batch;
    }

    private List<Row> score(TextScorer scorer, List<Row> batch) {
        Object[][] added = new Object[batch.size()][];
        List<Integer> scored = new ArrayList<>(batch.size());
        List<String> texts = new ArrayList<>(batch.size());
        List<String> prompts = promptIndex < 0 ? null : new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String problem = columnProblem != null ? columnProblem
                    : RejectionColumns.problem(batch.get(i).get(textIndex), "column " + textColumn);
            if (problem != null) {
                added[i] = RejectionColumns.failed(spec.mode(), problem);
            } else {
                scored.add(i);
                texts.add(batch.get(i).getString(textIndex));
                if (prompts != null) {
                    prompts.add(batch.get(i).isNullAt(promptIndex) ? null : batch.get(i).getString(promptIndex));
                }
            }
        }
        // no text is left when the column is not text, and then there is no scorer
        List<Object[]> results = texts.isEmpty() ? List.of() : scorer.score(prompts, texts);
        for (int k = 0; k < scored.size(); k++) {
            added[scored.get(k)] = results.get(k);
        }
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(append(batch.get(i), added[i]));
        }
        return out;
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
