/**
 * Evaluation: the model card's metrics (loss, accuracy, precision, recall, F1 with REJECTION positive) plus the
 * confusion matrix, ROC-AUC, PR-AUC, the best-F1 threshold and a per-source breakdown, as pure functions of
 * {@code (score = P(REJECTION), label)} pairs — nothing here knows about models.
 *
 * <p>The flow: {@link dev.rejection.eval.EvalSet} (records → labelled examples + reported bad rows) →
 * {@link dev.rejection.eval.Scoring} (any {@link dev.rejection.eval.Scorer} → scores, texts/s) →
 * {@link dev.rejection.eval.Evaluation} (examples + scores → {@link dev.rejection.eval.EvalReport}, one JSON
 * object) → {@link dev.rejection.eval.report.HtmlReport} (the page with curves and worst errors).
 *
 * <p>Definitions: a text is called a rejection when {@code score > threshold} (strict, as the Verdict);
 * loss is mean cross-entropy with the true class's probability clamped at 1e-12; undefined ratios (0/0) are 0;
 * ROC-AUC is the Mann–Whitney statistic (ties count ½); PR-AUC is average precision as scikit-learn's
 * {@code average_precision_score}; both areas are null when undefined (one class only / no positives).
 */
package dev.rejection.eval;
