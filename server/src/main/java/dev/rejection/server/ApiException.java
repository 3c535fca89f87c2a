package dev.rejection.server;

/**
 * A request the server answers with an error status and a JSON body
 * {@code {"error": {"status": 413, "code": "max_texts", "message": "..."}}}.
 * The code names the limit or the fault, so that clients can act on it without parsing the message.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false); // an answer to the client, not a bug: no stack trace
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
