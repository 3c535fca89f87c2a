package dev.rejection.model;

/**
 * A model cannot be used: a file is missing, unreadable or malformed, or the model does not fit the task.
 * The message always names the file (and field, where there is one) that is wrong.
 */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
